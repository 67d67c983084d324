/**
 * Photos: uploaded with POST /photos, re-encoded (upright, no metadata), served through signed
 * expiring links, claimed once by a mission; a mission shows up to 6, and search results their
 * cover's thumbnail. The test images are made with sharp itself.
 */
import { Clock } from '@marketplace/common';
import { JobQueue } from '@marketplace/jobs';
import { PhotoAlreadyAttachedError, PhotoNotFoundError, PhotosService, PhotoUse, TooManyPhotosError } from '@marketplace/photos';
import { PURGE_UNATTACHED_PHOTOS } from '@marketplace/retention';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { filesUnder } from './support/documents.builders';
import { aBid, aMission, aMissionInput, aProvider } from './support/marketplace.builders';
import { anUploadedPhoto, aSmallPng } from './support/photos.builders';
import { StatementCounter } from './support/statement-counter';
import { errorCodes, TestApp } from './support/test-app';

const MAX_UNATTACHED = 8;
const UPLOADS_PER_HOUR = 50;
const HOUR_MS = 3_600_000;

/** 600 × 300 as stored by the camera, red on the left and blue on the right, to be shown turned 90° clockwise (EXIF orientation 6), taken in Paris. */
async function aPhoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 300, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 300, height: 300, channels: 3, background: '#0000ff' } }, left: 300, top: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneCam', Copyright: 'Camille Martin' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 7/1' },
    })
    .toBuffer();
}

/** The EXIF tag that points at the GPS directory (0x8825), in either byte order. */
const hasGpsDirectory = (exif: Buffer) => exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

function fetchImage(app: TestApp, url: string) {
  return request(app.http)
    .get(url.startsWith('http') ? pathOf(url) : url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe('photos', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ PHOTO_MAX_UNATTACHED: String(MAX_UNATTACHED), RATE_LIMIT_PHOTO_UPLOAD_PER_USER: String(UPLOADS_PER_HOUR) });
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  const upload = (user: SignedInUser, content: Buffer, name = 'photo.jpg') =>
    request(app.http).post('/photos').set('Authorization', `Bearer ${user.accessToken}`).attach('file', content, name);

  const aPhoto = (user: SignedInUser) => anUploadedPhoto(app, user);

  const photosOf = async (user: SignedInUser): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM photos WHERE owner_id = $1`, [user.id]))[0].n;
  const storedFiles = () => filesUnder(join(app.config.dataDir, 'documents', 'photos'));

  describe('uploading', () => {
    it('answers the photo with signed links, upright and stripped of every piece of metadata, with a small thumbnail', async () => {
      const user = await aSignedInUser(app);
      const original = await aPhoneJpeg();
      const before = await sharp(original).metadata();
      expect(before.orientation).toBe(6);
      expect(hasGpsDirectory(before.exif!)).toBe(true);

      const response = await upload(user, original, 'IMG_0001.jpg');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        url: expect.stringMatching(/\/photos\/[0-9a-f-]{36}\?expires=\d+&signature=[\w-]{43}$/),
        thumbnailUrl: expect.stringMatching(/\/photos\/[0-9a-f-]{36}\/thumbnail\?expires=\d+&signature=[\w-]{43}$/),
        width: 300,
        height: 600,
      });

      const full = await fetchImage(app, response.body.url);
      expect(full.status).toBe(200);
      expect(full.headers['content-type']).toBe('image/jpeg');
      expect(full.headers['cache-control']).toMatch(/^public, max-age=\d+, immutable$/);
      const stored = await sharp(full.body).metadata();
      expect(stored).toMatchObject({ format: 'jpeg', width: 300, height: 600 });
      expect(stored.exif).toBeUndefined();
      expect(stored.orientation).toBeUndefined();
      expect(stored.icc).toBeUndefined();
      expect(stored.xmp).toBeUndefined();
      expect(full.body.includes(Buffer.from('Camille Martin'))).toBe(false);
      // Turned upright: what was the left (red) is now the top, the right (blue) the bottom.
      const { data, info } = await sharp(full.body).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) =>
        Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
      expect(pixel(150, 10)[0]).toBeGreaterThan(200);
      expect(pixel(150, 590)[2]).toBeGreaterThan(200);

      const thumbnail = await fetchImage(app, response.body.thumbnailUrl);
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers['content-type']).toBe('image/jpeg');
      expect(await sharp(thumbnail.body).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 600 });
      expect(thumbnail.body.length).toBeLessThan(full.body.length * 2);
    });

    it('fits a large photo within 2560 px and makes its thumbnail 400 px wide, once, at upload', async () => {
      const user = await aSignedInUser(app);
      const large = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer();
      const response = await upload(user, large);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ width: 2560, height: 1920 });
      expect(storedFiles().filter((file) => file.includes(response.body.id))).toHaveLength(2);
      const thumbnail = await fetchImage(app, response.body.thumbnailUrl);
      expect(await sharp(thumbnail.body).metadata()).toMatchObject({ width: 400, height: 300 });
      expect(thumbnail.body.length).toBeLessThan(30_000);
    });

    it('takes a PNG, flattened into a JPEG', async () => {
      const user = await aSignedInUser(app);
      const response = await upload(user, await aSmallPng(), 'screenshot.png');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ width: 64, height: 48 });
      expect((await sharp((await fetchImage(app, response.body.url)).body).metadata()).format).toBe('jpeg');
    });

    it('refuses a file over 5 MB with 413, and stores nothing', async () => {
      const user = await aSignedInUser(app);
      const files = storedFiles().length;
      const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(6 * 1024 * 1024)]);
      const response = await upload(user, huge);
      expect(response.status).toBe(413);
      expect(response.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'file: is larger than 5 MB' });
      expect(await photosOf(user)).toBe(0);
      expect(storedFiles()).toHaveLength(files);
    });

    it('refuses what is not a JPEG or PNG, however it is named, and stores nothing', async () => {
      const user = await aSignedInUser(app);
      const files = storedFiles().length;
      const text = await upload(user, Buffer.from('Just some notes, renamed to look like a photo.'), 'holiday.jpg');
      expect(text.status).toBe(400);
      expect(text.body.error).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'file', message: 'must be a JPEG or PNG image' }],
      });
      const pdf = await upload(user, Buffer.from('%PDF-1.7\nnot a photo\n%%EOF'), 'photo.png');
      expect(pdf.status).toBe(400);
      expect(await photosOf(user)).toBe(0);
      expect(storedFiles()).toHaveLength(files);
    });

    it('refuses a damaged JPEG, a truncated one and a decompression bomb with a clear error, and stores nothing', async () => {
      const user = await aSignedInUser(app);
      const files = storedFiles().length;
      const photo = await aPhoneJpeg();
      const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
      for (const file of [damaged, photo.subarray(0, Math.floor(photo.length / 2))]) {
        const response = await upload(user, file);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toBe('file: could not be read as a JPEG or PNG image (damaged or incomplete?)');
      }
      // 56 megapixels of black: a few hundred KB as a PNG, 170 MB once decoded.
      const bomb = await sharp({ create: { width: 7500, height: 7500, channels: 3, background: '#000000' } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const bombed = await upload(user, bomb, 'bomb.png');
      expect(bombed.status).toBe(400);
      expect(bombed.body.error.message).toBe('file: has more than 50 million pixels');
      expect(await photosOf(user)).toBe(0);
      expect(storedFiles()).toHaveLength(files);
    });

    it('needs a signed-in user', async () => {
      const response = await request(app.http)
        .post('/photos')
        .attach('file', await aSmallPng(), 'photo.png');
      expect(response.status).toBe(401);
    });

    it(`lets a user keep at most ${MAX_UNATTACHED} photos attached to nothing, even when uploads arrive at once`, async () => {
      const user = await aSignedInUser(app);
      const png = await aSmallPng();
      const files = storedFiles().length;
      const responses = await Promise.all(Array.from({ length: MAX_UNATTACHED + 3 }, () => upload(user, png, 'photo.png')));
      expect(responses.filter((response) => response.status === 201)).toHaveLength(MAX_UNATTACHED);
      const refused = responses.filter((response) => response.status !== 201);
      expect(refused.map((response) => response.status)).toEqual([409, 409, 409]);
      expect(refused[0].body.error.code).toBe('CONFLICT');
      expect(await photosOf(user)).toBe(MAX_UNATTACHED);
      // The refused ones were refused before their body was read: no file of theirs was kept.
      expect(storedFiles()).toHaveLength(files + 2 * MAX_UNATTACHED);
    });
  });

  it(`lets a user try ${UPLOADS_PER_HOUR} uploads an hour, refused ones included, then answers 429 before reading the body`, async () => {
    const user = await aSignedInUser(app);
    const attempts = await Promise.all(Array.from({ length: UPLOADS_PER_HOUR + 2 }, () => upload(user, Buffer.from('not an image'))));
    expect(attempts.filter((attempt) => attempt.status === 400)).toHaveLength(UPLOADS_PER_HOUR);
    const limited = attempts.filter((attempt) => attempt.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0].body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
  });

  describe('signed links', () => {
    let user: SignedInUser;
    let photo: { id: string; url: string; thumbnailUrl: string };

    beforeAll(async () => {
      user = await aSignedInUser(app);
      photo = (await upload(user, await aSmallPng(), 'photo.png')).body;
    });

    it('serve the photo to whoever holds them, without an access token', async () => {
      expect((await fetchImage(app, photo.url)).status).toBe(200);
      expect((await fetchImage(app, photo.thumbnailUrl)).status).toBe(200);
    });

    it('are refused when tampered with, or moved to another photo or variant, exactly as a photo that does not exist', async () => {
      const url = new URL(photo.url);
      const signature = url.searchParams.get('signature')!;
      const expires = url.searchParams.get('expires')!;
      const tampered = [
        `/photos/${photo.id}?expires=${expires}&signature=${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
        `/photos/${photo.id}?expires=${Number(expires) + 3600}&signature=${signature}`,
        `/photos/${photo.id}/thumbnail?expires=${expires}&signature=${signature}`,
        `/photos/${randomUUID()}?expires=${expires}&signature=${signature}`,
        `/photos/${photo.id}`,
        `/photos/not-a-uuid?expires=${expires}&signature=${signature}`,
        `/photos/${photo.id}?expires=soon&signature=${signature}`,
      ];
      for (const path of tampered) {
        const response = await request(app.http).get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Photo was not found.' });
      }
    });

    it('expire: a link handed out now is refused two link periods later', async () => {
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 2 * HOUR_MS + 1000));
      const response = await request(app.http).get(pathOf(photo.url));
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });

    it('stay the same for a while, so that browsers can cache the photo', async () => {
      const mission = await aMission(app, user, { photoIds: [photo.id] });
      const query = `query ($id: ID!) { mission(id: $id) { photos { url } } }`;
      const first = await app.graphql(query, { id: mission });
      const second = await app.graphql(query, { id: mission });
      expect(first.data?.mission.photos[0].url).toBe(second.data?.mission.photos[0].url);
    });
  });

  describe('a mission’s photos', () => {
    const PHOTOS = `id photos { id url thumbnailUrl width height } coverPhoto { id thumbnailUrl }`;
    const POST = `mutation ($input: PostMissionInput!) { postMission(input: $input) { ${PHOTOS} } }`;
    const ADD = `mutation ($missionId: ID!, $photoIds: [ID!]!) { addMissionPhotos(missionId: $missionId, photoIds: $photoIds) { ${PHOTOS} } }`;
    const REMOVE = `mutation ($missionId: ID!, $photoId: ID!) { removeMissionPhoto(missionId: $missionId, photoId: $photoId) { ${PHOTOS} } }`;
    const MISSION = `query ($id: ID!) { mission(id: $id) { ${PHOTOS} } }`;

    const photoIdsOfMission = async (id: string): Promise<string[]> =>
      (await app.dataSource.query(`SELECT photo_ids FROM missions WHERE id = $1`, [id]))[0].photo_ids;

    it('are posted with the mission, in order, the first being the cover, and shown to anyone', async () => {
      const client = await aSignedInUser(app);
      const photoIds = await Promise.all([1, 2, 3].map(() => aPhoto(client)));
      const posted = await app.graphql(POST, { input: aMissionInput({ photoIds }) }, client.accessToken);
      expect(posted.errors).toBeUndefined();
      expect(posted.data?.postMission.photos.map((photo: { id: string }) => photo.id)).toEqual(photoIds);
      expect(posted.data?.postMission.coverPhoto.id).toBe(photoIds[0]);

      const seen = await app.graphql(MISSION, { id: posted.data?.postMission.id });
      expect(seen.data?.mission.photos).toHaveLength(3);
      expect((await fetchImage(app, seen.data?.mission.coverPhoto.thumbnailUrl)).status).toBe(200);
    });

    it('take 6 at most: the 7th is BAD_USER_INPUT and changes nothing', async () => {
      const client = await aSignedInUser(app);
      const six = await Promise.all([1, 2, 3, 4, 5, 6].map(() => aPhoto(client)));
      const mission = await aMission(app, client, { photoIds: six.slice(0, 4) });
      const added = await app.graphql(ADD, { missionId: mission, photoIds: six.slice(4) }, client.accessToken);
      expect(added.errors).toBeUndefined();
      expect(added.data?.addMissionPhotos.photos.map((photo: { id: string }) => photo.id)).toEqual(six);

      const seventh = await aPhoto(client);
      const refused = await app.graphql(ADD, { missionId: mission, photoIds: [seventh] }, client.accessToken);
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(await photoIdsOfMission(mission)).toEqual(six);
      const tooMany = await app.graphql(
        POST,
        { input: aMissionInput({ photoIds: [...six.slice(0, 1), ...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => aPhoto(client))))] }) },
        client.accessToken,
      );
      expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
      // The photos of the refused calls are still free to attach.
      const [unattached] = await app.dataSource.query(`SELECT count(*)::int AS n FROM photos WHERE owner_id = $1 AND use IS NULL`, [
        client.id,
      ]);
      expect(unattached.n).toBe(7);
    });

    it('are the client’s own uploads, each attached once: NOT_FOUND for another’s or a missing one, CONFLICT for one already attached', async () => {
      const [client, other] = await Promise.all([aSignedInUser(app), aSignedInUser(app)]);
      const [theirs, mine] = await Promise.all([aPhoto(other), aPhoto(client)]);
      const missionCount = await app.count('missions');

      for (const photoIds of [[theirs], [randomUUID()]]) {
        const refused = await app.graphql(POST, { input: aMissionInput({ photoIds }) }, client.accessToken);
        expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
      }
      expect(errorCodes(await app.graphql(POST, { input: aMissionInput({ photoIds: [mine, mine] }) }, client.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(errorCodes(await app.graphql(POST, { input: aMissionInput({ photoIds: ['nope'] }) }, client.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await app.count('missions')).toBe(missionCount);

      const mission = await aMission(app, client, { photoIds: [mine] });
      const again = await app.graphql(POST, { input: aMissionInput({ photoIds: [mine] }) }, client.accessToken);
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      const twice = await app.graphql(ADD, { missionId: mission, photoIds: [mine] }, client.accessToken);
      expect(errorCodes(twice)).toEqual(['CONFLICT']);
      expect(await photoIdsOfMission(mission)).toEqual([mine]);
      expect(await app.count('missions')).toBe(missionCount + 1);
    });

    it('through PhotosService.attach, as other domains claim them: an id that is not a UUID is NOT_FOUND, not a database error', async () => {
      const owner = await aSignedInUser(app);
      const photo = await aPhoto(owner);
      const attach = (photoIds: string[]) =>
        app.dataSource.transaction((manager) =>
          app.app.get(PhotosService).attach(manager, { ownerId: owner.id, photoIds, use: PhotoUse.MESSAGE, max: 4 }),
        );
      await expect(attach([photo, 'not-a-uuid'])).rejects.toBeInstanceOf(PhotoNotFoundError);
      await expect(attach([photo, randomUUID(), randomUUID(), randomUUID(), randomUUID()])).rejects.toBeInstanceOf(TooManyPhotosError);
      expect((await attach([photo])).map(({ id, use }) => ({ id, use }))).toEqual([{ id: photo, use: PhotoUse.MESSAGE }]);
      await expect(attach([photo])).rejects.toBeInstanceOf(PhotoAlreadyAttachedError);
    });

    it('attached to two missions at once: one wins, the other is CONFLICT', async () => {
      const client = await aSignedInUser(app);
      const photo = await aPhoto(client);
      const [first, second] = await Promise.all([aMission(app, client), aMission(app, client)]);
      const results = await Promise.all(
        [first, second].map((missionId) => app.graphql(ADD, { missionId, photoIds: [photo] }, client.accessToken)),
      );
      expect(results.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
      const owners = [...(await photoIdsOfMission(first)), ...(await photoIdsOfMission(second))];
      expect(owners).toEqual([photo]);
    });

    it('are changed by the client only, while the mission is open and nobody has bid', async () => {
      const [client, stranger, provider] = await Promise.all([aSignedInUser(app), aSignedInUser(app), aProvider(app)]);
      const [kept, removed, late] = await Promise.all([aPhoto(client), aPhoto(client), aPhoto(client)]);
      const mission = await aMission(app, client, { photoIds: [kept, removed] });

      expect(errorCodes(await app.graphql(REMOVE, { missionId: mission, photoId: kept }, stranger.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(ADD, { missionId: mission, photoIds: [await aPhoto(stranger)] }, stranger.accessToken))).toEqual([
        'FORBIDDEN',
      ]);
      const taken = await app.graphql(REMOVE, { missionId: mission, photoId: removed }, client.accessToken);
      expect(taken.data?.removeMissionPhoto.photos.map((photo: { id: string }) => photo.id)).toEqual([kept]);
      expect(errorCodes(await app.graphql(REMOVE, { missionId: mission, photoId: removed }, client.accessToken))).toEqual(['NOT_FOUND']);
      // Taken off, it is the client's to attach again.
      const reused = await aMission(app, client, { photoIds: [removed] });
      expect(await photoIdsOfMission(reused)).toEqual([removed]);

      await aBid(app, provider, mission);
      expect(errorCodes(await app.graphql(ADD, { missionId: mission, photoIds: [late] }, client.accessToken))).toEqual(['CONFLICT']);
      expect(errorCodes(await app.graphql(REMOVE, { missionId: mission, photoId: kept }, client.accessToken))).toEqual(['CONFLICT']);
      expect(await photoIdsOfMission(mission)).toEqual([kept]);
    });

    it('of a hidden mission: no link for anyone who no longer sees it, the client still gets them', async () => {
      const [client, stranger, moderator] = await Promise.all([aSignedInUser(app), aSignedInUser(app), aUserWithRole(app, 'MODERATOR')]);
      const mission = await aMission(app, client, { photoIds: [await aPhoto(client)] });
      const hidden = await app.graphql(
        `mutation ($id: ID!) { hideMission(id: $id, reason: "Contenu interdit") { id } }`,
        { id: mission },
        moderator.accessToken,
      );
      expect(hidden.errors).toBeUndefined();

      expect((await app.graphql(MISSION, { id: mission }, stranger.accessToken)).data?.mission).toBeNull();
      expect((await app.graphql(MISSION, { id: mission })).data?.mission).toBeNull();
      const search = await app.graphql(
        `{ missions(first: 100) { edges { node { id coverPhoto { thumbnailUrl } } } } }`,
        {},
        stranger.accessToken,
      );
      expect(search.data?.missions.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(mission);
      expect((await app.graphql(MISSION, { id: mission }, client.accessToken)).data?.mission.photos).toHaveLength(1);
    });
  });

  describe('in search results', () => {
    const SEARCH = `query ($filter: MissionFilter, $first: Int) {
      missions(filter: $filter, first: $first) { edges { node { id coverPhoto { thumbnailUrl } photos { id } } } } }`;

    it('show each mission’s cover thumbnail, all photos of a page loaded in one statement', async () => {
      const client = await aSignedInUser(app);
      const viewer = await aSignedInUser(app);
      for (let batch = 0; batch < 5; batch++) {
        await Promise.all(
          [1, 2, 3, 4].map(async () => {
            const photoIds = [await aPhoto(client), await aPhoto(client)];
            await aMission(app, client, { category: 'PET_CARE', photoIds });
          }),
        );
      }
      const counter = new StatementCounter(app.http);
      try {
        const measure = async (first: number) => {
          const requestId = `photos-${randomBytes(6).toString('hex')}`;
          const { result, statements } = await counter.count(requestId, () =>
            request(app.http)
              .post('/graphql')
              .set('Authorization', `Bearer ${viewer.accessToken}`)
              .set('X-Request-Id', requestId)
              .send({ query: SEARCH, variables: { filter: { category: 'PET_CARE' }, first } }),
          );
          return { body: result.body, photoStatements: statements.filter((statement) => statement.text.includes('"photos"')) };
        };
        const five = await measure(5);
        const twenty = await measure(20);
        expect(twenty.body.errors).toBeUndefined();
        const nodes = twenty.body.data.missions.edges.map((edge: { node: any }) => edge.node);
        expect(nodes).toHaveLength(20);
        expect(nodes.every((node: any) => node.photos.length === 2 && /\/thumbnail\?/.test(node.coverPhoto.thumbnailUrl))).toBe(true);
        expect(twenty.photoStatements).toHaveLength(1);
        expect(five.photoStatements).toHaveLength(1);
        const thumbnail = await fetchImage(app, nodes[0].coverPhoto.thumbnailUrl);
        expect(thumbnail.status).toBe(200);
      } finally {
        counter.detach();
      }
    });
  });

  describe('the purge of unattached photos', () => {
    it('removes photos attached to nothing for a day, files included, and keeps those in use', async () => {
      const user = await aSignedInUser(app);
      const [forgotten, used] = await Promise.all([aPhoto(user), aPhoto(user)]);
      await aMission(app, user, { photoIds: [used] });
      const filesOf = (id: string) => storedFiles().filter((file) => file.includes(id));
      expect(filesOf(forgotten)).toHaveLength(2);

      const queue = app.app.get(JobQueue);
      await app.dataSource.transaction((manager) => queue.enqueue(manager, PURGE_UNATTACHED_PHOTOS, {}));
      await app.runJobs();
      expect(await photosOf(user)).toBe(2);

      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 25 * HOUR_MS));
      await app.dataSource.transaction((manager) => queue.enqueue(manager, PURGE_UNATTACHED_PHOTOS, {}));
      await app.runJobs();
      const left = await app.dataSource.query(`SELECT id FROM photos WHERE owner_id = $1`, [user.id]);
      expect(left).toEqual([{ id: used }]);
      expect(filesOf(forgotten)).toEqual([]);
      expect(filesOf(used)).toHaveLength(2);
    });
  });
});
