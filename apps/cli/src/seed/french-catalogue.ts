/**
 * Data for `npm run cli -- seed`: real French towns, mission templates, names, addresses and bid messages
 * from which the demo/benchmark seeder builds plausible users, missions and bids.
 *
 * Pure and dependency-free on purpose: every helper takes its random source as an argument, so one seed
 * always gives the same data set (`seededRandom(42)`), and the tests can check the catalogue without a database.
 */

/** A town centre (WGS84, 4 decimals) with its main postcode; `weight` is roughly its population in thousands. */
export interface FrenchCity {
  name: string;
  postcode: string;
  latitude: number;
  longitude: number;
  weight: number;
}

export const FRENCH_CITIES: readonly FrenchCity[] = [
  // The largest cities.
  { name: 'Paris', postcode: '75001', latitude: 48.8566, longitude: 2.3522, weight: 2133 },
  { name: 'Marseille', postcode: '13001', latitude: 43.2965, longitude: 5.3698, weight: 873 },
  { name: 'Lyon', postcode: '69001', latitude: 45.764, longitude: 4.8357, weight: 522 },
  { name: 'Toulouse', postcode: '31000', latitude: 43.6047, longitude: 1.4442, weight: 504 },
  { name: 'Nice', postcode: '06000', latitude: 43.7102, longitude: 7.262, weight: 348 },
  { name: 'Nantes', postcode: '44000', latitude: 47.2184, longitude: -1.5536, weight: 323 },
  { name: 'Montpellier', postcode: '34000', latitude: 43.6108, longitude: 3.8767, weight: 302 },
  { name: 'Strasbourg', postcode: '67000', latitude: 48.5734, longitude: 7.7521, weight: 291 },
  { name: 'Bordeaux', postcode: '33000', latitude: 44.8378, longitude: -0.5792, weight: 261 },
  { name: 'Lille', postcode: '59000', latitude: 50.6292, longitude: 3.0573, weight: 236 },
  { name: 'Rennes', postcode: '35000', latitude: 48.1173, longitude: -1.6778, weight: 225 },
  { name: 'Reims', postcode: '51100', latitude: 49.2583, longitude: 4.0317, weight: 180 },
  { name: 'Toulon', postcode: '83000', latitude: 43.1242, longitude: 5.928, weight: 180 },
  { name: 'Saint-Étienne', postcode: '42000', latitude: 45.4397, longitude: 4.3872, weight: 173 },
  { name: 'Le Havre', postcode: '76600', latitude: 49.4944, longitude: 0.1079, weight: 166 },
  { name: 'Villeurbanne', postcode: '69100', latitude: 45.7667, longitude: 4.88, weight: 162 },
  { name: 'Dijon', postcode: '21000', latitude: 47.322, longitude: 5.0415, weight: 159 },
  { name: 'Grenoble', postcode: '38000', latitude: 45.1885, longitude: 5.7245, weight: 158 },
  { name: 'Angers', postcode: '49000', latitude: 47.4784, longitude: -0.5632, weight: 157 },
  { name: 'Nîmes', postcode: '30000', latitude: 43.8367, longitude: 4.3601, weight: 149 },
  { name: 'Clermont-Ferrand', postcode: '63000', latitude: 45.7772, longitude: 3.087, weight: 147 },
  { name: 'Aix-en-Provence', postcode: '13100', latitude: 43.5297, longitude: 5.4474, weight: 147 },
  { name: 'Le Mans', postcode: '72000', latitude: 48.0061, longitude: 0.1996, weight: 145 },
  { name: 'Brest', postcode: '29200', latitude: 48.3904, longitude: -4.4861, weight: 140 },
  { name: 'Tours', postcode: '37000', latitude: 47.3941, longitude: 0.6848, weight: 137 },
  { name: 'Amiens', postcode: '80000', latitude: 49.8941, longitude: 2.2958, weight: 134 },
  { name: 'Annecy', postcode: '74000', latitude: 45.8992, longitude: 6.1294, weight: 131 },
  { name: 'Limoges', postcode: '87000', latitude: 45.8336, longitude: 1.2611, weight: 130 },
  { name: 'Boulogne-Billancourt', postcode: '92100', latitude: 48.8397, longitude: 2.2399, weight: 121 },
  { name: 'Perpignan', postcode: '66000', latitude: 42.6887, longitude: 2.8948, weight: 120 },
  { name: 'Metz', postcode: '57000', latitude: 49.1193, longitude: 6.1757, weight: 120 },
  { name: 'Besançon', postcode: '25000', latitude: 47.2378, longitude: 6.0241, weight: 120 },
  { name: 'Orléans', postcode: '45000', latitude: 47.903, longitude: 1.9093, weight: 117 },
  { name: 'Rouen', postcode: '76000', latitude: 49.4432, longitude: 1.0999, weight: 114 },
  { name: 'Saint-Denis', postcode: '93200', latitude: 48.9362, longitude: 2.3574, weight: 113 },
  { name: 'Argenteuil', postcode: '95100', latitude: 48.9472, longitude: 2.2467, weight: 111 },
  { name: 'Montreuil', postcode: '93100', latitude: 48.8638, longitude: 2.4485, weight: 111 },
  { name: 'Mulhouse', postcode: '68100', latitude: 47.7508, longitude: 7.3359, weight: 108 },
  { name: 'Caen', postcode: '14000', latitude: 49.1829, longitude: -0.3707, weight: 108 },
  { name: 'Nancy', postcode: '54000', latitude: 48.6921, longitude: 6.1844, weight: 104 },
  { name: 'Roubaix', postcode: '59100', latitude: 50.6942, longitude: 3.1746, weight: 99 },
  { name: 'Tourcoing', postcode: '59200', latitude: 50.7239, longitude: 3.1612, weight: 99 },
  { name: 'Nanterre', postcode: '92000', latitude: 48.8924, longitude: 2.2069, weight: 96 },
  { name: 'Créteil', postcode: '94000', latitude: 48.7904, longitude: 2.4556, weight: 92 },
  { name: 'Avignon', postcode: '84000', latitude: 43.9493, longitude: 4.8055, weight: 91 },
  { name: 'Poitiers', postcode: '86000', latitude: 46.5802, longitude: 0.3404, weight: 89 },
  { name: 'Dunkerque', postcode: '59140', latitude: 51.0344, longitude: 2.3768, weight: 87 },
  { name: 'Versailles', postcode: '78000', latitude: 48.8049, longitude: 2.1204, weight: 84 },
  { name: 'Béziers', postcode: '34500', latitude: 43.3442, longitude: 3.2158, weight: 80 },
  { name: 'La Rochelle', postcode: '17000', latitude: 46.1603, longitude: -1.1511, weight: 78 },
  { name: 'Cherbourg-en-Cotentin', postcode: '50100', latitude: 49.6337, longitude: -1.6222, weight: 78 },
  { name: 'Pau', postcode: '64000', latitude: 43.2951, longitude: -0.3708, weight: 76 },
  { name: 'Antibes', postcode: '06600', latitude: 43.5804, longitude: 7.1251, weight: 74 },
  { name: 'Cannes', postcode: '06400', latitude: 43.5528, longitude: 7.0174, weight: 74 },
  { name: 'Ajaccio', postcode: '20000', latitude: 41.9192, longitude: 8.7386, weight: 73 },
  { name: 'Saint-Nazaire', postcode: '44600', latitude: 47.2735, longitude: -2.2138, weight: 72 },
  // Prefectures and mid-sized towns.
  { name: 'Colmar', postcode: '68000', latitude: 48.0794, longitude: 7.3585, weight: 67 },
  { name: 'Calais', postcode: '62100', latitude: 50.9513, longitude: 1.8587, weight: 67 },
  { name: 'Valence', postcode: '26000', latitude: 44.9334, longitude: 4.8924, weight: 65 },
  { name: 'Bourges', postcode: '18000', latitude: 47.081, longitude: 2.3988, weight: 64 },
  { name: 'Quimper', postcode: '29000', latitude: 47.996, longitude: -4.1024, weight: 63 },
  { name: 'Troyes', postcode: '10000', latitude: 48.2973, longitude: 4.0744, weight: 62 },
  { name: 'Montauban', postcode: '82000', latitude: 44.0176, longitude: 1.355, weight: 61 },
  { name: 'Niort', postcode: '79000', latitude: 46.3237, longitude: -0.4588, weight: 60 },
  { name: 'Chambéry', postcode: '73000', latitude: 45.5646, longitude: 5.9178, weight: 60 },
  { name: 'Lorient', postcode: '56100', latitude: 47.7483, longitude: -3.37, weight: 57 },
  { name: 'Beauvais', postcode: '60000', latitude: 49.4295, longitude: 2.0807, weight: 57 },
  { name: 'Narbonne', postcode: '11100', latitude: 43.1839, longitude: 3.0042, weight: 56 },
  { name: 'La Roche-sur-Yon', postcode: '85000', latitude: 46.6705, longitude: -1.426, weight: 56 },
  { name: 'Vannes', postcode: '56000', latitude: 47.6582, longitude: -2.7608, weight: 55 },
  { name: 'Hyères', postcode: '83400', latitude: 43.1204, longitude: 6.1286, weight: 55 },
  { name: 'Fréjus', postcode: '83600', latitude: 43.433, longitude: 6.737, weight: 55 },
  { name: 'Cholet', postcode: '49300', latitude: 47.06, longitude: -0.8789, weight: 54 },
  { name: 'Saint-Quentin', postcode: '02100', latitude: 49.8465, longitude: 3.2876, weight: 53 },
  { name: 'Bayonne', postcode: '64100', latitude: 43.4929, longitude: -1.4748, weight: 52 },
  { name: 'Arles', postcode: '13200', latitude: 43.6768, longitude: 4.6303, weight: 51 },
  { name: 'Albi', postcode: '81000', latitude: 43.9289, longitude: 2.1464, weight: 49 },
  { name: 'Laval', postcode: '53000', latitude: 48.0707, longitude: -0.7734, weight: 49 },
  { name: 'Bastia', postcode: '20200', latitude: 42.6973, longitude: 9.4509, weight: 48 },
  { name: "Les Sables-d'Olonne", postcode: '85100', latitude: 46.4967, longitude: -1.7831, weight: 48 },
  { name: 'Saint-Malo', postcode: '35400', latitude: 48.6493, longitude: -2.0257, weight: 47 },
  { name: 'Évreux', postcode: '27000', latitude: 49.0241, longitude: 1.1508, weight: 47 },
  { name: 'Carcassonne', postcode: '11000', latitude: 43.213, longitude: 2.3491, weight: 46 },
  { name: 'Charleville-Mézières', postcode: '08000', latitude: 49.7621, longitude: 4.7263, weight: 46 },
  { name: 'Blois', postcode: '41000', latitude: 47.5861, longitude: 1.3359, weight: 45 },
  { name: 'Chalon-sur-Saône', postcode: '71100', latitude: 46.7806, longitude: 4.8539, weight: 45 },
  { name: 'Saint-Brieuc', postcode: '22000', latitude: 48.5136, longitude: -2.7653, weight: 44 },
  { name: 'Sète', postcode: '34200', latitude: 43.4028, longitude: 3.6967, weight: 44 },
  { name: 'Châteauroux', postcode: '36000', latitude: 46.8103, longitude: 1.6913, weight: 43 },
  { name: 'Angoulême', postcode: '16000', latitude: 45.6484, longitude: 0.1562, weight: 42 },
  { name: 'Tarbes', postcode: '65000', latitude: 43.2328, longitude: 0.0781, weight: 42 },
  { name: 'Bourg-en-Bresse', postcode: '01000', latitude: 46.2052, longitude: 5.2255, weight: 42 },
  { name: 'Gap', postcode: '05000', latitude: 44.5594, longitude: 6.0786, weight: 41 },
  { name: 'Arras', postcode: '62000', latitude: 50.291, longitude: 2.7775, weight: 41 },
  { name: 'Thionville', postcode: '57100', latitude: 49.3579, longitude: 6.1683, weight: 41 },
  { name: 'Montélimar', postcode: '26200', latitude: 44.5581, longitude: 4.7509, weight: 40 },
  { name: 'Boulogne-sur-Mer', postcode: '62200', latitude: 50.7264, longitude: 1.6147, weight: 40 },
  { name: 'Chartres', postcode: '28000', latitude: 48.4439, longitude: 1.489, weight: 39 },
  { name: 'Annemasse', postcode: '74100', latitude: 46.1934, longitude: 6.2342, weight: 37 },
  { name: 'Haguenau', postcode: '67500', latitude: 48.8156, longitude: 7.7906, weight: 35 },
  { name: 'Auxerre', postcode: '89000', latitude: 47.7982, longitude: 3.5673, weight: 35 },
  { name: 'Montluçon', postcode: '03100', latitude: 46.3401, longitude: 2.6034, weight: 34 },
  { name: 'Mâcon', postcode: '71000', latitude: 46.3069, longitude: 4.8287, weight: 34 },
  { name: 'Nevers', postcode: '58000', latitude: 46.9896, longitude: 3.159, weight: 33 },
  { name: 'Agen', postcode: '47000', latitude: 44.2033, longitude: 0.6163, weight: 32 },
  { name: 'Épinal', postcode: '88000', latitude: 48.1724, longitude: 6.4496, weight: 31 },
  { name: 'Aix-les-Bains', postcode: '73100', latitude: 45.6885, longitude: 5.9153, weight: 31 },
  { name: 'Périgueux', postcode: '24000', latitude: 45.1842, longitude: 0.7212, weight: 30 },
  { name: 'Mont-de-Marsan', postcode: '40000', latitude: 43.8902, longitude: -0.4998, weight: 30 },
  { name: 'Vienne', postcode: '38200', latitude: 45.5253, longitude: 4.8744, weight: 30 },
  { name: 'Menton', postcode: '06500', latitude: 43.7747, longitude: 7.4975, weight: 30 },
  { name: 'Orange', postcode: '84100', latitude: 44.1381, longitude: 4.8075, weight: 29 },
  { name: 'Dieppe', postcode: '76200', latitude: 49.9229, longitude: 1.0775, weight: 28 },
  { name: 'Alençon', postcode: '61000', latitude: 48.4329, longitude: 0.0913, weight: 26 },
  { name: 'Saumur', postcode: '49400', latitude: 47.26, longitude: -0.0769, weight: 26 },
  { name: 'Vichy', postcode: '03200', latitude: 46.1277, longitude: 3.426, weight: 25 },
  { name: 'Aurillac', postcode: '15000', latitude: 44.9264, longitude: 2.4397, weight: 25 },
  { name: 'Biarritz', postcode: '64200', latitude: 43.4832, longitude: -1.5586, weight: 25 },
  { name: 'Saintes', postcode: '17100', latitude: 45.7464, longitude: -0.6333, weight: 25 },
  { name: 'Rodez', postcode: '12000', latitude: 44.3506, longitude: 2.575, weight: 24 },
  { name: 'Abbeville', postcode: '80100', latitude: 50.1054, longitude: 1.8332, weight: 23 },
  // Small towns, so that not every mission is in a big city.
  { name: 'Millau', postcode: '12100', latitude: 44.0975, longitude: 3.0778, weight: 22 },
  { name: 'Dax', postcode: '40100', latitude: 43.7102, longitude: -1.0536, weight: 21 },
  { name: 'Beaune', postcode: '21200', latitude: 47.026, longitude: 4.84, weight: 20 },
  { name: 'Cahors', postcode: '46000', latitude: 44.4475, longitude: 1.4419, weight: 20 },
  { name: 'Lannion', postcode: '22300', latitude: 48.7326, longitude: -3.4566, weight: 20 },
  { name: 'Le Puy-en-Velay', postcode: '43000', latitude: 45.0434, longitude: 3.8858, weight: 19 },
  { name: 'Concarneau', postcode: '29900', latitude: 47.8753, longitude: -3.9189, weight: 19 },
  { name: 'Sélestat', postcode: '67600', latitude: 48.2594, longitude: 7.4542, weight: 19 },
  { name: 'Cognac', postcode: '16100', latitude: 45.6958, longitude: -0.3287, weight: 18 },
  { name: 'Verdun', postcode: '55100', latitude: 49.1598, longitude: 5.3844, weight: 17 },
  { name: 'Digne-les-Bains', postcode: '04000', latitude: 44.0925, longitude: 6.2356, weight: 16 },
  { name: 'Morlaix', postcode: '29600', latitude: 48.5777, longitude: -3.828, weight: 15 },
  { name: 'Dinan', postcode: '22100', latitude: 48.4556, longitude: -2.0503, weight: 14 },
  { name: 'Saint-Jean-de-Luz', postcode: '64500', latitude: 43.3881, longitude: -1.6631, weight: 14 },
  { name: 'Lourdes', postcode: '65100', latitude: 43.0947, longitude: -0.0459, weight: 13 },
  { name: 'Granville', postcode: '50400', latitude: 48.8378, longitude: -1.5971, weight: 13 },
  { name: 'Bayeux', postcode: '14400', latitude: 49.2764, longitude: -0.7024, weight: 13 },
  { name: 'Porto-Vecchio', postcode: '20137', latitude: 41.5912, longitude: 9.2795, weight: 12 },
  { name: 'Briançon', postcode: '05100', latitude: 44.8986, longitude: 6.6435, weight: 11 },
  { name: 'Obernai', postcode: '67210', latitude: 48.4622, longitude: 7.4817, weight: 11 },
  { name: 'Figeac', postcode: '46100', latitude: 44.6086, longitude: 2.0317, weight: 10 },
  { name: 'Foix', postcode: '09000', latitude: 42.9653, longitude: 1.6069, weight: 10 },
  { name: 'Sarlat-la-Canéda', postcode: '24200', latitude: 44.8896, longitude: 1.2166, weight: 9 },
  { name: 'Chamonix-Mont-Blanc', postcode: '74400', latitude: 45.9237, longitude: 6.8694, weight: 9 },
  { name: 'Gérardmer', postcode: '88400', latitude: 48.0705, longitude: 6.8777, weight: 8 },
  { name: 'Uzès', postcode: '30700', latitude: 44.0125, longitude: 4.4197, weight: 8 },
  { name: 'Honfleur', postcode: '14600', latitude: 49.419, longitude: 0.233, weight: 7 },
  { name: 'Corte', postcode: '20250', latitude: 42.3064, longitude: 9.1497, weight: 7 },
  { name: 'Calvi', postcode: '20260', latitude: 42.5679, longitude: 8.7575, weight: 6 },
  { name: 'Collioure', postcode: '66190', latitude: 42.5263, longitude: 3.0836, weight: 3 },
  { name: 'Étretat', postcode: '76790', latitude: 49.707, longitude: 0.204, weight: 1 },
];

export const MISSION_CATEGORIES = [
  'HANDYMAN',
  'MOVING',
  'CLEANING',
  'GARDENING',
  'FURNITURE_ASSEMBLY',
  'DELIVERY',
  'IT_SUPPORT',
  'TUTORING',
  'PET_CARE',
  'CHILDCARE',
  'EVENTS',
  'OTHER',
] as const;

export type SeedCategory = (typeof MISSION_CATEGORIES)[number];

/**
 * One kind of mission a client might post. `{city}` and `{n}` (a small number) are filled by the seeder with
 * `fillPlaceholders`; `budgetCents` is the [min, max] range the seeder draws a budget from, when the template has one.
 */
export interface MissionTemplate {
  title: string;
  description: string;
  budgetCents?: [number, number];
}

export const MISSION_TEMPLATES: Record<SeedCategory, readonly MissionTemplate[]> = {
  HANDYMAN: [
    {
      title: 'Fixer {n} étagères et une tringle à rideaux',
      description:
        "Bonjour, je viens d'emménager à {city} et j'ai besoin de quelqu'un pour fixer {n} étagères murales et une tringle à rideaux dans le salon. Murs en placo, chevilles fournies. Merci de venir avec votre perceuse.",
      budgetCents: [4000, 9000],
    },
    {
      title: 'Remplacer un robinet de cuisine qui fuit',
      description:
        "Le mitigeur de l'évier goutte en permanence. J'ai déjà acheté le nouveau robinet, il faut juste le poser et vérifier les flexibles. Appartement au 3e étage sans ascenseur.",
      budgetCents: [5000, 12000],
    },
    {
      title: "Repeindre une chambre d'enfant de 12 m²",
      description:
        'Murs uniquement, le plafond est en bon état. La peinture blanche mate est déjà achetée, bâches et rouleaux à prévoir. Disponible en semaine à partir de 17 h ou le samedi.',
      budgetCents: [20000, 45000],
    },
    {
      title: 'Changer des prises et des interrupteurs',
      description:
        'Je souhaite remplacer {n} prises et 2 interrupteurs vieillissants par des modèles récents (fournis). Le tableau électrique est accessible et les disjoncteurs bien identifiés.',
      budgetCents: [6000, 15000],
    },
    {
      title: 'Refaire les joints de silicone de la salle de bain',
      description:
        "Les joints autour de la baignoire et du lavabo sont noircis. Il faut retirer l'ancien silicone, nettoyer et refaire des joints propres. Travail soigné attendu !",
      budgetCents: [4000, 8000],
    },
    {
      title: 'Réparer une porte de placard qui ne ferme plus',
      description:
        'Une porte coulissante de placard est sortie de son rail et une autre frotte en bas, sans doute un galet à changer. Appartement dans le centre de {city}.',
      budgetCents: [3000, 7000],
    },
    {
      title: 'Hang a large mirror and a few frames',
      description:
        'Hi! I need someone to hang a heavy mirror (about 25 kg) and {n} picture frames in my flat in {city}. Concrete walls, so please bring a hammer drill. I only speak a little French.',
      budgetCents: [5000, 10000],
    },
  ],
  MOVING: [
    {
      title: "Aide pour le déménagement d'un studio",
      description:
        "Je déménage un studio de 25 m² au 2e étage vers un appartement à 5 km, toujours à {city}. J'ai loué un utilitaire de 12 m³ et je cherche {n} paires de bras pour porter cartons et meubles samedi matin.",
      budgetCents: [8000, 20000],
    },
    {
      title: 'Monter un canapé au 4e étage sans ascenseur',
      description:
        "Canapé trois places livré en bas de l'immeuble : le livreur ne monte pas. Il faut le porter jusqu'au 4e par un escalier assez étroit, deux personnes minimum.",
      budgetCents: [5000, 10000],
    },
    {
      title: "Déménagement d'une maison T4 vers {city}",
      description:
        "Maison de 90 m² à vider : une trentaine de cartons, un réfrigérateur américain et une armoire normande à démonter. Trajet d'environ 60 km. Devis avec camion bienvenu.",
      budgetCents: [60000, 150000],
    },
    {
      title: "Transporter une machine à laver d'occasion",
      description:
        "Machine à laver achetée d'occasion à récupérer dans un pavillon et à livrer chez moi à {city}, en rez-de-chaussée. Il faut un véhicule adapté et un diable.",
      budgetCents: [3000, 7000],
    },
    {
      title: "Vider une cave avant l'état des lieux",
      description:
        "Cave de 8 m² à vider : vieux meubles, cartons et un vélo. Une partie part à la déchetterie, le reste chez Emmaüs. L'état des lieux de sortie a lieu dans {n} jours.",
      budgetCents: [6000, 15000],
    },
    {
      title: 'Charger un camion pour un garde-meuble',
      description:
        "Je mets mes affaires en garde-meuble pour quelques mois. Besoin d'aide pour charger le camion puis le décharger au box, environ trois heures de travail en tout.",
      budgetCents: [6000, 12000],
    },
    {
      title: 'Help moving out of a two-bedroom flat',
      description:
        'We are moving back to the UK and need help carrying boxes and furniture down {n} floors to a van, with no lift. Everything is already packed and labelled.',
      budgetCents: [10000, 25000],
    },
  ],
  CLEANING: [
    {
      title: 'Ménage hebdomadaire dans un appartement de 60 m²',
      description:
        "Je cherche quelqu'un de fiable pour un ménage complet chaque semaine : sols, cuisine, salle de bain et poussière. Environ trois heures, produits fournis.",
      budgetCents: [5000, 9000],
    },
    {
      title: 'Nettoyage de fin de bail',
      description:
        "Appartement T2 à rendre impeccable pour l'état des lieux : four, plaques, vitres, placards et traces sur les murs. Logement vide, facile d'accès dans le centre de {city}.",
      budgetCents: [12000, 25000],
    },
    {
      title: 'Lavage de vitres et de baies vitrées',
      description:
        "Maison avec {n} fenêtres et deux grandes baies vitrées côté jardin, à faire à l'intérieur et à l'extérieur, cadres compris. Une échelle est nécessaire pour l'étage.",
      budgetCents: [6000, 14000],
    },
    {
      title: 'Grand nettoyage après travaux',
      description:
        "Après la rénovation de la cuisine, il reste de la poussière de plâtre partout. Besoin d'un nettoyage approfondi : sols, plinthes, meubles et vitres.",
      budgetCents: [15000, 35000],
    },
    {
      title: "Nettoyer un canapé d'angle en tissu",
      description:
        "Canapé clair avec quelques taches (café, feutre). Idéalement avec un appareil d'injection-extraction. Pas d'animaux à la maison.",
      budgetCents: [6000, 12000],
    },
    {
      title: 'Préparer un studio entre deux locations saisonnières',
      description:
        'Studio meublé à {city} à remettre en état entre deux séjours : changer les draps, faire la salle de bain et la cuisine, vider les poubelles. Environ {n} passages par mois.',
      budgetCents: [3000, 6000],
    },
    {
      title: 'Deep clean of kitchen and bathroom',
      description:
        'Looking for someone to deep clean the kitchen (oven, hood, fridge) and the bathroom of a rented flat in {city}. I can provide the cleaning products if needed.',
      budgetCents: [8000, 15000],
    },
  ],
  GARDENING: [
    {
      title: "Tonte de pelouse d'un jardin de 300 m²",
      description:
        "Pelouse à tondre toutes les deux semaines d'avril à octobre. Tondeuse disponible sur place, ramassage de l'herbe compris. Maison en périphérie de {city}.",
      budgetCents: [3000, 6000],
    },
    {
      title: "Taille d'une haie de thuyas",
      description:
        "Haie de thuyas d'environ 25 mètres de long et 2 mètres de haut à tailler sur les deux faces. Évacuation des déchets verts à prévoir.",
      budgetCents: [15000, 35000],
    },
    {
      title: 'Désherbage des allées et des massifs',
      description:
        "Jardin négligé depuis un an : allées gravillonnées envahies et massifs à désherber à la main. Pas de produits chimiques, s'il vous plaît.",
      budgetCents: [6000, 15000],
    },
    {
      title: "Élagage d'un cerisier trop proche du toit",
      description:
        "Un cerisier de 6 mètres dont les branches touchent le toit du voisin. Il faut réduire la couronne et évacuer le bois. Matériel d'élagage indispensable.",
      budgetCents: [20000, 50000],
    },
    {
      title: 'Planter {n} arbustes pour faire une haie',
      description:
        "J'ai acheté des photinias et des lauriers. Il faut creuser les trous, planter, pailler et arroser. Le terrain est assez argileux.",
      budgetCents: [8000, 18000],
    },
    {
      title: 'Arroser et récolter mon potager pendant mes vacances',
      description:
        "Je pars trois semaines cet été. Je cherche quelqu'un à {city} pour arroser et récolter le potager (tomates, courgettes, salades) deux fois par semaine.",
      budgetCents: [5000, 12000],
    },
    {
      title: 'Garden tidy-up before selling the house',
      description:
        'We are putting the house on the market and need the garden to look nice: mowing, trimming the hedges, removing dead plants and cleaning the terrace.',
      budgetCents: [10000, 30000],
    },
  ],
  FURNITURE_ASSEMBLY: [
    {
      title: "Montage d'une armoire à portes coulissantes",
      description:
        'Armoire de 2,36 m de haut avec deux portes coulissantes à monter dans une chambre. Les cartons sont déjà sur place. Fixation au mur indispensable.',
      budgetCents: [8000, 15000],
    },
    {
      title: 'Monter un lit coffre et deux tables de chevet',
      description:
        'Lit 160 x 200 avec coffre de rangement et deux chevets achetés en kit. Les notices sont là, il manque juste le temps et les outils.',
      budgetCents: [6000, 12000],
    },
    {
      title: 'Assembler et poser une cuisine en kit',
      description:
        "Cuisine de {n} caissons bas et 4 caissons hauts à assembler et à poser. Le plan de travail est déjà découpé. Raccordements à l'eau et à l'électricité non compris.",
      budgetCents: [40000, 120000],
    },
    {
      title: "Montage d'un bureau et d'une chaise",
      description:
        "Bureau d'angle et chaise de bureau à monter pour du télétravail. Rien de compliqué, mais je n'ai ni le temps ni les outils nécessaires.",
      budgetCents: [3000, 6000],
    },
    {
      title: 'Démonter et remonter un lit mezzanine',
      description:
        'Je déménage dans le même quartier de {city} et je dois démonter un lit mezzanine en bois, puis le remonter dans le nouvel appartement.',
      budgetCents: [8000, 16000],
    },
    {
      title: "Montage d'un salon de jardin",
      description:
        'Salon de jardin (une table, {n} chaises et un banc) livré en pièces détachées. À monter sur la terrasse, visserie fournie.',
      budgetCents: [4000, 9000],
    },
    {
      title: 'Assemble a kitchen island and wall shelves',
      description:
        'I bought a flat-pack kitchen island and three wall shelves. Looking for someone experienced to assemble everything and fix the shelves securely to the wall.',
      budgetCents: [7000, 14000],
    },
  ],
  DELIVERY: [
    {
      title: 'Récupérer un colis volumineux au point relais',
      description:
        "Colis d'environ 20 kg à récupérer dans un point relais de {city} et à déposer chez moi, à 3 km. Je n'ai pas de voiture.",
      budgetCents: [1500, 3000],
    },
    {
      title: 'Faire les courses de ma grand-mère',
      description:
        "Ma grand-mère habite à {city} et ne peut plus porter ses courses. Je cherche quelqu'un pour faire ses courses une fois par semaine, d'après sa liste.",
      budgetCents: [2000, 4000],
    },
    {
      title: 'Aller chercher une commode achetée sur une petite annonce',
      description:
        "J'ai acheté une commode à {n} km de chez moi. Il faut aller la chercher avec un utilitaire et me la livrer en rez-de-chaussée.",
      budgetCents: [3000, 8000],
    },
    {
      title: "Livrer un gâteau d'anniversaire",
      description:
        "Gâteau commandé chez un pâtissier du centre-ville, à livrer dans une salle des fêtes samedi à 14 h. Transport délicat : un véhicule climatisé serait l'idéal.",
      budgetCents: [1500, 3500],
    },
    {
      title: 'Transporter des cartons de livres à la médiathèque',
      description:
        '{n} cartons de livres à donner à la médiathèque. Chargement au 1er étage, déchargement de plain-pied. Une voiture avec un grand coffre suffit.',
      budgetCents: [2000, 5000],
    },
    {
      title: 'Course urgente : documents à déposer chez le notaire',
      description:
        "Des documents originaux à déposer chez un notaire avant 17 h aujourd'hui, à environ 8 km dans {city}. Remise en main propre obligatoire.",
      budgetCents: [1500, 3000],
    },
    {
      title: 'Pick up my bike from a repair shop',
      description:
        'My bike is ready at a repair shop across {city}. Could someone ride it or bring it back to my place? The repair is already paid for.',
      budgetCents: [1500, 3000],
    },
  ],
  IT_SUPPORT: [
    {
      title: 'Installer une imprimante Wi-Fi',
      description:
        "Nouvelle imprimante multifonction impossible à connecter au Wi-Fi. Besoin d'aide pour l'installer sur deux ordinateurs portables et un téléphone.",
      budgetCents: [3000, 6000],
    },
    {
      title: "Ordinateur très lent, besoin d'un nettoyage",
      description:
        'PC portable de 5 ans qui met plusieurs minutes à démarrer. Nettoyage, mises à jour et, si besoin, remplacement du disque dur par un SSD.',
      budgetCents: [5000, 12000],
    },
    {
      title: 'Configurer la box internet et le Wi-Fi de la maison',
      description:
        "Emménagement à {city}, box fibre reçue. Il faut l'installer, configurer le Wi-Fi, un répéteur à l'étage et la télévision. Maison sur {n} niveaux.",
      budgetCents: [4000, 9000],
    },
    {
      title: 'Récupérer des photos sur un disque dur en panne',
      description:
        "Un disque dur externe n'est plus reconnu par l'ordinateur et contient toutes nos photos de famille. Je cherche quelqu'un de compétent pour tenter une récupération.",
      budgetCents: [5000, 20000],
    },
    {
      title: "Prise en main d'une tablette pour mon père",
      description:
        "Mon père (78 ans) vient d'avoir une tablette. Besoin de quelqu'un de patient pour configurer ses mails et les appels vidéo, et lui montrer les bases.",
      budgetCents: [3000, 6000],
    },
    {
      title: 'Créer un site vitrine simple pour un artisan',
      description:
        'Je suis artisan à {city} et je voudrais une page internet simple avec mes services, quelques photos et un formulaire de contact. Le nom de domaine est déjà réservé.',
      budgetCents: [30000, 90000],
    },
    {
      title: 'Set up a home office network and a NAS',
      description:
        'I work from home and would like a proper setup: mesh Wi-Fi, a small NAS for backups and a VPN. Please describe similar jobs you have done in your bid.',
      budgetCents: [10000, 30000],
    },
  ],
  TUTORING: [
    {
      title: 'Cours de maths niveau 3e',
      description:
        'Mon fils prépare le brevet et a des difficultés en mathématiques (géométrie, fonctions). Je cherche un étudiant ou une étudiante pour {n} heures par semaine.',
      budgetCents: [2000, 3500],
    },
    {
      title: 'Soutien en anglais pour une lycéenne',
      description: "Élève de première qui souhaite progresser à l'oral avant le bac. Séances d'une heure à domicile à {city} ou en visio.",
      budgetCents: [2000, 3500],
    },
    {
      title: 'Aide aux devoirs pour deux enfants en primaire',
      description: "Aide aux devoirs pour deux enfants en CE2 et en CM1, du lundi au jeudi après l'école, de 17 h à 18 h.",
      budgetCents: [1500, 2500],
    },
    {
      title: "Préparation à l'oral du bac de français",
      description:
        "Quelques séances intensives pour travailler les textes et la méthode de l'explication linéaire. L'examen a lieu dans {n} semaines.",
      budgetCents: [2500, 4500],
    },
    {
      title: 'Cours de guitare pour un adulte débutant',
      description: "Adulte débutant, je voudrais apprendre les accords de base et quelques morceaux. J'ai ma propre guitare folk.",
      budgetCents: [2000, 4000],
    },
    {
      title: 'Cours de physique-chimie en terminale',
      description:
        'Élève de terminale en spécialité physique-chimie : besoin de reprendre la mécanique et les dosages avant les épreuves du printemps.',
      budgetCents: [2500, 4500],
    },
    {
      title: 'French conversation lessons for an expat',
      description:
        'I moved to {city} for work and would like to practise French conversation twice a week. My level is about B1, and I am mostly interested in everyday situations.',
      budgetCents: [2000, 4000],
    },
  ],
  PET_CARE: [
    {
      title: 'Promenade de chien en semaine',
      description: 'Labrador de 4 ans très gentil, à promener une heure le midi du lundi au vendredi pendant que je suis au bureau.',
      budgetCents: [1000, 2000],
    },
    {
      title: 'Garde de chat pendant les vacances',
      description:
        "Je pars {n} jours en août. Besoin de quelqu'un pour passer une fois par jour nourrir mon chat, changer la litière et lui faire quelques câlins.",
      budgetCents: [5000, 15000],
    },
    {
      title: 'Garder un petit chien chez vous le week-end',
      description:
        "Petit chien calme à accueillir du vendredi soir au dimanche soir. Idéalement avec un jardin ou près d'un parc à {city}.",
      budgetCents: [4000, 8000],
    },
    {
      title: "S'occuper de poules et de lapins",
      description:
        "Pendant une semaine d'absence, il faut nourrir les poules, ramasser les œufs et s'occuper de deux lapins. Maison à la sortie de {city}.",
      budgetCents: [3000, 7000],
    },
    {
      title: 'Emmener mon chat chez le vétérinaire',
      description:
        "Rendez-vous de vaccination jeudi à 10 h. Je ne suis pas disponible et je n'ai pas de voiture ; la caisse de transport est fournie.",
      budgetCents: [1500, 3000],
    },
    {
      title: "Toilettage d'un caniche à domicile",
      description:
        'Caniche de 8 ans à toiletter : bain, coupe et griffes. Il est un peu craintif, il faut de la patience et de la douceur.',
      budgetCents: [3000, 6000],
    },
    {
      title: 'Dog sitter needed for a long weekend',
      description:
        'Our friendly golden retriever needs someone to stay with him or take him in for {n} nights. He is used to other dogs and to children.',
      budgetCents: [6000, 15000],
    },
  ],
  CHILDCARE: [
    {
      title: "Sortie d'école et garde jusqu'à 19 h",
      description:
        "Récupérer deux enfants (6 et 9 ans) à l'école à 16 h 30, goûter, devoirs et jeux jusqu'à notre retour vers 19 h. Lundi, mardi et jeudi.",
      budgetCents: [1500, 3000],
    },
    {
      title: 'Baby-sitting samedi soir',
      description:
        "Garde d'un bébé de 18 mois samedi de 19 h à minuit. Il sera couché vers 20 h. Une expérience avec les tout-petits est indispensable.",
      budgetCents: [4000, 7000],
    },
    {
      title: 'Garde pendant les vacances scolaires',
      description:
        'Nous cherchons une personne pour garder trois enfants (4, 7 et 10 ans) en journée pendant {n} jours des vacances de la Toussaint.',
      budgetCents: [20000, 50000],
    },
    {
      title: 'Accompagner mon fils au judo le mercredi',
      description:
        "Mon fils a judo le mercredi après-midi à {city}. Il faut l'accompagner à pied et le ramener, environ deux heures au total.",
      budgetCents: [1500, 3000],
    },
    {
      title: 'Garde partagée le mercredi',
      description:
        'Deux familles voisines cherchent une personne pour garder ensemble {n} enfants le mercredi toute la journée. Le repas est fourni.',
      budgetCents: [6000, 10000],
    },
    {
      title: 'Baby-sitter bilingue anglais deux soirs par semaine',
      description:
        "Nous aimerions que nos enfants entendent de l'anglais : garde deux soirs par semaine avec des jeux et de la lecture en anglais.",
      budgetCents: [2500, 4500],
    },
    {
      title: 'Occasional evening babysitter',
      description:
        'We are a British family living in {city}, looking for a reliable babysitter for occasional evenings. Two kids aged 3 and 5, usually asleep by 8 pm.',
      budgetCents: [3000, 6000],
    },
  ],
  EVENTS: [
    {
      title: "Service pour une soirée d'anniversaire",
      description:
        "Anniversaire de 40 ans avec une cinquantaine d'invités dans notre jardin. Besoin de {n} personnes pour le service, le buffet et le rangement.",
      budgetCents: [15000, 40000],
    },
    {
      title: 'Photographe pour un baptême',
      description:
        "Baptême à {city} un dimanche matin, suivi d'un repas au restaurant. Photos de la cérémonie et photos de groupe, environ trois heures.",
      budgetCents: [20000, 50000],
    },
    {
      title: 'DJ pour une soirée de mariage',
      description:
        "Mariage d'environ 120 personnes. Nous cherchons un DJ avec sono et jeux de lumière de 22 h à 4 h. Musique variée, des années 80 à aujourd'hui.",
      budgetCents: [60000, 150000],
    },
    {
      title: 'Monter et démonter des tentes de réception',
      description:
        'Deux tentes de 6 x 12 m à monter le vendredi et à démonter le dimanche pour une fête de village. Le matériel est fourni.',
      budgetCents: [20000, 50000],
    },
    {
      title: "Animateur pour un anniversaire d'enfants",
      description:
        "Anniversaire d'une petite fille de 7 ans avec {n} enfants. Nous cherchons un animateur (magie, maquillage ou jeux) pendant deux heures.",
      budgetCents: [10000, 25000],
    },
    {
      title: 'Aide en cuisine pour un repas de famille',
      description:
        "Repas de famille de 30 personnes : besoin d'aide pour préparer les entrées, dresser les assiettes et faire la vaisselle.",
      budgetCents: [8000, 16000],
    },
    {
      title: 'Bartender for a private party',
      description:
        'Looking for an experienced bartender for a rooftop party in {city}: around 40 guests, from 7 pm to midnight. Cocktails and mocktails.',
      budgetCents: [15000, 30000],
    },
  ],
  OTHER: [
    {
      title: 'Tenir compagnie à une personne âgée',
      description:
        'Mon père vit seul à {city} et apprécierait de la visite : discussion, jeux de cartes, petite promenade. Deux après-midi par semaine.',
      budgetCents: [2000, 4000],
    },
    {
      title: 'Aide pour des démarches administratives en ligne',
      description:
        "Besoin d'aide pour remplir une déclaration d'impôts, une demande à la CAF et trier des papiers en retard. Environ {n} heures.",
      budgetCents: [4000, 9000],
    },
    {
      title: 'Couture : ourlets et retouches',
      description: 'Cinq pantalons à raccourcir et une veste dont la doublure est décousue. Je peux déposer les vêtements chez vous.',
      budgetCents: [3000, 7000],
    },
    {
      title: 'Lavage de voiture à domicile',
      description:
        "Nettoyage intérieur et extérieur d'un monospace familial (sièges, tapis, vitres). La voiture est garée dans une cour privée avec un point d'eau.",
      budgetCents: [4000, 8000],
    },
    {
      title: 'Réparer un vélo de ville',
      description:
        'Chambre à air crevée, freins à régler et dérailleur qui saute. Je peux apporter le vélo chez vous si vous êtes à {city}.',
      budgetCents: [2000, 5000],
    },
    {
      title: 'Trier et vendre des objets du grenier en ligne',
      description:
        "Grenier plein de vaisselle, de jouets anciens et de livres. Je cherche quelqu'un pour photographier, mettre en ligne et gérer les ventes.",
      budgetCents: [10000, 30000],
    },
    {
      title: 'Help with French paperwork',
      description:
        'I just arrived in {city} and need help with French paperwork: health insurance registration, a bank account and an appointment for a residence permit.',
      budgetCents: [5000, 12000],
    },
  ],
};

export const FIRST_NAMES: readonly string[] = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Sarah',
  'Julie',
  'Pauline',
  'Marie',
  'Lucie',
  'Anaïs',
  'Clara',
  'Jade',
  'Louise',
  'Alice',
  'Charlotte',
  'Élodie',
  'Nathalie',
  'Sophie',
  'Isabelle',
  'Margaux',
  'Aurélie',
  'Céline',
  'Fatima',
  'Amina',
  'Nadia',
  'Thomas',
  'Nicolas',
  'Julien',
  'Maxime',
  'Antoine',
  'Alexandre',
  'Lucas',
  'Hugo',
  'Louis',
  'Théo',
  'Mathieu',
  'Pierre',
  'Romain',
  'Quentin',
  'Kévin',
  'Guillaume',
  'Sébastien',
  'Olivier',
  'Karim',
  'Mehdi',
  'Yanis',
  'Baptiste',
  'Clément',
  'Jean',
  'François',
  'Gabriel',
  'Arthur',
  'Raphaël',
];

export const LAST_NAMES: readonly string[] = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Morin',
  'Henry',
  'Masson',
  'Marchand',
  'Duval',
  'Lemaire',
  'Meyer',
  'Dufour',
  'Brun',
  'Rivière',
  'Le Gall',
  'Le Goff',
  'Da Silva',
  'Nguyen',
  'Benali',
  'Schmitt',
];

export const STREET_NAMES: readonly string[] = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'boulevard Gambetta',
  'rue du Général de Gaulle',
  'place de la Mairie',
  'rue Pasteur',
  'rue de la Gare',
  'avenue de la Libération',
  'rue Jules Ferry',
  "rue de l'Église",
  'boulevard de la Liberté',
  'rue Nationale',
  'rue des Écoles',
  'rue du Moulin',
  'allée des Tilleuls',
  'impasse des Lilas',
  'chemin des Vignes',
  'rue Émile Zola',
  'avenue Foch',
  'rue Carnot',
  'rue Voltaire',
  'rue Jean Moulin',
  'rue Anatole France',
  'rue du Château',
  'avenue du Maréchal Leclerc',
  'rue de Verdun',
  'rue de la Paix',
  'rue des Jardins',
  'route de Paris',
  'rue du Commerce',
  'place du Marché',
  'rue Lamartine',
  'rue Pierre et Marie Curie',
  'rue du 8 Mai 1945',
  'rue du 11 Novembre',
  'rue des Peupliers',
  'quai du Port',
];

export const PROVIDER_HEADLINES: Record<SeedCategory, readonly string[]> = {
  HANDYMAN: [
    "Bricoleur polyvalent, 15 ans d'expérience",
    'Petits travaux, plomberie et électricité',
    'Artisan multiservice avec outillage professionnel',
    'Handyman, English and French spoken',
  ],
  MOVING: ['Déménageur avec utilitaire de 20 m³', 'Costaud et ponctuel, aide au déménagement', "Transport de meubles et d'encombrants"],
  CLEANING: [
    'Aide ménagère sérieuse et discrète',
    'Nettoyage de fin de bail et après travaux',
    'Professional cleaner, eco-friendly products',
  ],
  GARDENING: ['Paysagiste indépendant', 'Tonte, taille de haies et entretien de jardins', 'Jardinier passionné, matériel fourni'],
  FURNITURE_ASSEMBLY: [
    'Montage de meubles en kit, rapide et soigné',
    'Spécialiste cuisines et dressings',
    'Flat-pack furniture assembly, all brands',
  ],
  DELIVERY: ['Livraisons en ville à vélo cargo', 'Coursier avec fourgon, 7 jours sur 7', 'Petits transports et courses de proximité'],
  IT_SUPPORT: [
    'Dépannage informatique à domicile',
    'Technicien réseau et Wi-Fi',
    'Développeur web indépendant',
    'IT help for expats, English spoken',
  ],
  TUTORING: [
    'Élève ingénieur, cours de maths et de physique',
    'Professeure certifiée de français',
    'Native English speaker, TEFL certified',
  ],
  PET_CARE: ['Pet-sitter passionnée, chiens et chats', 'Promeneur de chiens, balades en forêt', "Garde d'animaux chez moi, avec jardin"],
  CHILDCARE: ['Baby-sitter expérimentée, titulaire du BAFA', "Étudiante en éducation, sorties d'école", 'Nounou bilingue français-anglais'],
  EVENTS: ['Serveur et barman en extra', 'DJ et sonorisation pour vos soirées', 'Photographe de mariages et de baptêmes'],
  OTHER: [
    'Couturière à domicile, retouches',
    'Aide administrative et accompagnement',
    'Réparation de vélos à domicile',
    'Un coup de main pour tout, demandez-moi !',
  ],
};

export const BID_MESSAGES: readonly string[] = [
  "Bonjour, je suis disponible dès ce week-end et j'ai tout le matériel nécessaire.",
  "Bonjour ! J'ai déjà fait ce type de mission plus de {n} fois, je peux vous envoyer des photos de mes réalisations.",
  'Je peux passer demain en fin de journée pour voir sur place et vous confirmer le prix.',
  "Bonsoir, j'habite dans votre quartier et je suis disponible en semaine après 18 h.",
  "Travail soigné et rapide, je m'engage à laisser les lieux propres.",
  "Bonjour, mon tarif comprend le déplacement et l'évacuation des déchets.",
  "Disponible d'ici {n} jours. N'hésitez pas si vous avez des questions.",
  'Je suis auto-entrepreneur, je vous remets une facture à la fin de la mission.',
  "Bonjour, j'ai une camionnette et un diable, ça devrait aller vite.",
  'Étudiant sérieux, je suis souple sur les horaires et très ponctuel.',
  "Bonjour, j'ai lu votre annonce avec attention. Pourriez-vous m'envoyer une photo pour que j'évalue mieux le travail ?",
  'Bonjour, ce prix correspond à environ {n} heures de travail, matériel compris.',
  'Je fais ce métier depuis {n} ans, vous pouvez consulter mes avis sur mon profil.',
  'Bonjour, je peux intervenir samedi matin. Faut-il prévoir quelque chose de particulier ?',
  'Hello, I can do it this week. Je parle aussi français, bien sûr !',
  'Bonjour, je suis disponible immédiatement. Le paiement se fait à la fin, une fois que vous êtes satisfait.',
  "Bonjour, j'habite à côté, je peux venir à pied et m'adapter à vos horaires.",
  'Mon prix est un peu plus élevé car je fournis des consommables de qualité.',
  'Bonjour, je suis assurée en responsabilité civile professionnelle pour ce type de travaux.',
  "Bonjour, j'ai plusieurs références dans votre ville, je vous les communique volontiers.",
  'Bonjour, je peux venir avec un collègue pour aller deux fois plus vite.',
  'Bonjour, si la date est flexible, je peux baisser un peu mon prix.',
  'Bonjour, mission tout à fait dans mes cordes. Je peux vous proposer un créneau dans {n} jours.',
];

/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** Mulberry32: a small, fast generator that gives the same sequence for the same 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, count), safe even if `random` ever returns exactly 1. */
function randomIndex(random: Random, count: number): number {
  return Math.min(count - 1, Math.floor(random() * count));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick needs at least one item');
  return items[randomIndex(random, items.length)];
}

/** Running totals of the weights, computed once per array (the catalogue's arrays are never mutated). */
const cumulativeWeights = new WeakMap<readonly FrenchCity[], Float64Array>();

function cumulativeWeightsOf(cities: readonly FrenchCity[]): Float64Array {
  const cached = cumulativeWeights.get(cities);
  if (cached) return cached;
  const table = new Float64Array(cities.length);
  let total = 0;
  cities.forEach((city, index) => {
    if (!Number.isFinite(city.weight) || city.weight < 0) throw new RangeError(`${city.name} has an invalid weight: ${city.weight}`);
    total += city.weight;
    table[index] = total;
  });
  if (!(total > 0)) throw new RangeError('pickWeighted needs at least one city with a positive weight');
  cumulativeWeights.set(cities, table);
  return table;
}

/** A city drawn with probability proportional to its weight, by binary search over the running totals. */
export function pickWeighted(random: Random, cities: readonly FrenchCity[]): FrenchCity {
  const totals = cumulativeWeightsOf(cities);
  const target = random() * totals[totals.length - 1];
  // The first city whose running total exceeds the target; a zero-weight city can never be it.
  let low = 0;
  let high = totals.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (totals[middle] > target) high = middle;
    else low = middle + 1;
  }
  return cities[low];
}

const EARTH_RADIUS_KM = 6371;
/** Rounding to 6 decimals moves a point by at most ~8 cm; keeping 10 cm inside the circle makes `maxKm` a hard limit. */
const ROUNDING_MARGIN_KM = 0.0001;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;
const roundTo6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * A point spread uniformly over the disc of radius `maxKm` around the city centre (great-circle distance),
 * rounded to 6 decimals (about 10 cm). A degree of longitude shrinks with cos(latitude); the spherical
 * destination formula below accounts for it, so the disc is not squashed into an east-west ellipse.
 */
export function jitterAround(random: Random, city: FrenchCity, maxKm: number): { latitude: number; longitude: number } {
  if (!Number.isFinite(maxKm) || maxKm < 0) throw new RangeError(`maxKm must be a finite distance >= 0, got ${maxKm}`);
  // The square root spreads points evenly over the area instead of bunching them at the centre.
  const distanceKm = Math.max(0, maxKm - ROUNDING_MARGIN_KM) * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  const angle = distanceKm / EARTH_RADIUS_KM;
  const latitude = toRadians(city.latitude);
  const newLatitude = Math.asin(Math.sin(latitude) * Math.cos(angle) + Math.cos(latitude) * Math.sin(angle) * Math.cos(bearing));
  const longitudeOffset = Math.atan2(
    Math.sin(bearing) * Math.sin(angle) * Math.cos(latitude),
    Math.cos(angle) - Math.sin(latitude) * Math.sin(newLatitude),
  );
  return { latitude: roundTo6(toDegrees(newLatitude)), longitude: roundTo6(city.longitude + toDegrees(longitudeOffset)) };
}

/** Replaces every `{city}` and `{n}` in a template; other text, including `$` signs, is left as it is. */
export function fillPlaceholders(text: string, values: { city: string; n: number }): string {
  return text.replace(/\{(city|n)\}/g, (_, key: string) => (key === 'city' ? values.city : String(values.n)));
}

/**
 * A French mobile number in E.164 (+33 then 9 digits). Any 06 number is a mobile one; in 07,
 * only 073 to 079 are ordinary mobile numbers, so the generator stays within those.
 */
export function aFrenchPhone(random: Random): string {
  const prefix = random() < 0.5 ? `6${randomIndex(random, 10)}` : `7${3 + randomIndex(random, 7)}`;
  let rest = '';
  for (let i = 0; i < 7; i++) rest += String(randomIndex(random, 10));
  return `+33${prefix}${rest}`;
}
