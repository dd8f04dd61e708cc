/**
 * The court's seal certificate and CA — NO authentication, like `/public/*`
 * lists: anyone checks a protocol's seal and its asds-draw/2 draw with them
 * (`asds verify-protocol <file> --ca <ca.pem>`; docs/draw-spec.md §8).
 *
 *   GET /public/seal-certificate              JSON: both certificates (PEM), fingerprints, the VRF key id
 *   GET /public/seal-certificate?format=pem   the seal certificate then the CA, PEM
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1 } from '../../../contracts/court/index.ts';
import { publishedSeal } from '../seal/publish.ts';
import type { CourtHttpContext } from './context.ts';
import { dataDirOf } from './distribution.ts';
import { HttpRefusal } from './errors.ts';

export function sealCertificateRoutes(ctx: CourtHttpContext) {
  return async (app: FastifyInstance) => {
    app.get(
      '/public/seal-certificate',
      {
        schema: {
          tags: ['public'],
          summary: 'Сертифікат печатки суду та ЦСК суду (перевірка протоколів і жеребу asds-draw/2) / court seal certificate and CA',
          querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('pem')])) }, { additionalProperties: false }),
          response: { 200: Type.Unknown(), 400: ErrorBodyV1, 404: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const published = publishedSeal(dataDirOf(ctx), ctx.court);
        if (!published) throw new HttpRefusal('NOT_FOUND', { what: 'seal certificate' });
        if ((req.query as { format?: string }).format === 'pem') return reply.type('application/x-pem-file; charset=utf-8').send(published.seal.pem + published.ca.pem);
        return published;
      },
    );
  };
}
