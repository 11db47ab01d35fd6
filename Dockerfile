# syntax=docker/dockerfile:1
# The API as a small, non-root image on Node.js 26 LTS: dependencies installed
# from the lock file, the Prisma clients generated and the code built in a
# build stage; the runtime stage holds only what serving needs. Migrations are
# applied (and an empty knowledge base seeded) when the server starts.

ARG NODE_IMAGE=node:26-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 is compiled from source (.prebuild-installrc): no binary is downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .prebuild-installrc prisma.config.ts ./
COPY prisma ./prisma
# postinstall generates both Prisma clients (src/generated) at build time.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/app/data/kb.db
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/seed ./seed
COPY --from=build --chown=node:node /app/openapi ./openapi
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server drains in-flight requests on SIGTERM and exits 0 (close-with-grace).
STOPSIGNAL SIGTERM
# As `npm start`: the memory flags (a small young generation; WebAssembly compiled
# when first called) are measured in docs/benchmarks.md, under Memory.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "--optimize-for-size", "--wasm-lazy-compilation", "dist/server.js"]
