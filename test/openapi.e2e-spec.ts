import { GRAPHQL_PATH } from '@marketplace/platform';
import request from 'supertest';
import { TestApp } from './support/test-app';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

type Document = Record<string, any>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `METHOD /path/{param}` for every route registered on the Express app (GraphQL's aside: its schema describes it). */
function registeredRoutes(app: TestApp): string[] {
  const express = app.app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouteLayer[] } };
  return express.router.stack
    .flatMap(({ route }) => (route ? Object.keys(route.methods).map((method) => ({ method, path: route.path })) : []))
    .filter(({ path }) => path !== GRAPHQL_PATH)
    .map(({ method, path }) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
}

function describedRoutes(document: Document): string[] {
  return Object.entries(document.paths as Document).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** What OpenAPI 3.1 requires of the parts this document uses, and that every $ref lands. */
function problemsOf(document: Document): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(document.openapi)) problems.push(`openapi is ${document.openapi}, not 3.1.x`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string')
    problems.push('info needs a title and a version');
  for (const [path, item] of Object.entries(document.paths as Document)) {
    if (!path.startsWith('/')) problems.push(`${path} does not start with /`);
    for (const method of Object.keys(item).filter((key) => HTTP_METHODS.includes(key))) {
      const operation = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      const responses = Object.keys(operation.responses ?? {});
      if (!responses.length) problems.push(`${where} has no responses`);
      for (const status of responses.filter((key) => !/^[1-5]\d\d$/.test(key))) problems.push(`${where}: ${status} is not a status code`);
      for (const [status, response] of Object.entries(operation.responses as Document)) {
        if (typeof response.description !== 'string' && !response.$ref) problems.push(`${where} ${status} has no description`);
      }
      const pathParameters = (operation.parameters ?? [])
        .filter((parameter: Document) => parameter.in === 'path')
        .map((p: Document) => p.name);
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name)) {
        if (!pathParameters.includes(name)) problems.push(`${where} does not declare its path parameter ${name}`);
      }
      for (const scheme of (operation.security ?? document.security ?? []).flatMap(Object.keys)) {
        if (!document.components?.securitySchemes?.[scheme]) problems.push(`${where} uses an undefined security scheme ${scheme}`);
      }
    }
  }
  const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/([^"]+)"/g)].map(([, pointer]) => pointer);
  for (const pointer of refs) {
    const target = pointer.split('/').reduce<Document | undefined>((node, key) => node?.[key], document);
    if (target === undefined) problems.push(`$ref #/${pointer} leads nowhere`);
  }
  return problems;
}

describe('the OpenAPI document of the REST routes', () => {
  let app: TestApp;
  let document: Document;

  beforeAll(async () => {
    app = await TestApp.start();
    const response = await request(app.http).get('/openapi.json').expect(200).expect('Content-Type', /json/);
    document = response.body;
  });
  afterAll(() => app?.close());

  it('is served in development as valid OpenAPI 3.1', () => {
    expect(problemsOf(document)).toEqual([]);
  });

  it('describes every REST route the API registers, and no other', () => {
    const registered = registeredRoutes(app);
    expect(registered).toEqual(expect.arrayContaining(['GET /health', 'POST /identity/documents', 'POST /webhooks/stripe']));
    expect(describedRoutes(document).sort()).toEqual(registered.sort());
  });

  it('gives the error shape the routes answer, with its request id', async () => {
    const refused = await request(app.http).get('/identity/documents/not-a-uuid').expect(401);
    const { properties, required } = document.components.schemas.Error.properties.error;
    expect(Object.keys(refused.body)).toEqual(['error']);
    expect(required.every((key: string) => key in refused.body.error)).toBe(true);
    expect(Object.keys(refused.body.error).every((key) => key in properties)).toBe(true);
    expect(properties.code.enum).toContain(refused.body.error.code);
    expect(refused.body.error.requestId).toBe(refused.headers['x-request-id']);
    expect(document.paths['/identity/documents/{id}'].get.responses['401']).toBeDefined();
  });
});
