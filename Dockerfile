# syntax=docker/dockerfile:1
# The kdeploy server as a container image: deps → build → runtime (docs/operations.md).
#   docker build -t kdeploy:0.1.0 .
#   docker run -p 3000:3000 -v kdeploy-data:/data kdeploy:0.1.0
# The runtime stage has no compiler, no npm cache and no dev dependencies, and runs as uid 10001.
# The TypeScript server runs through tsx (a runtime dependency, like prisma for the generated
# clients); the web app is the `next build` output.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- deps: production dependencies only (native modules built here if no prebuild fits) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 falls back to node-gyp when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
# npm ci runs the postinstall (prisma/generate.ts): it needs the models and writes the clients
# to server/store/generated.
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- build: every dependency, then the web app ----
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && rm -rf .next/cache

# ---- tools: the CLIs steps run (Helm charts, Kustomize through kubectl), checksum-verified ----
FROM ${NODE_IMAGE} AS tools
ARG TARGETARCH=amd64
ARG HELM_VERSION=3.22.0
ARG KUBECTL_VERSION=1.36.3
RUN apt-get update \
  && apt-get install -y --no-install-recommends curl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /tools
RUN curl -fsSLo helm.tgz "https://get.helm.sh/helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" \
  && curl -fsSLo helm.tgz.sha256 "https://get.helm.sh/helm-v${HELM_VERSION}-linux-${TARGETARCH}.tar.gz.sha256sum" \
  && echo "$(cut -d' ' -f1 helm.tgz.sha256)  helm.tgz" | sha256sum -c - \
  && tar -xzf helm.tgz --strip-components=1 "linux-${TARGETARCH}/helm" \
  && curl -fsSLo kubectl "https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl" \
  && curl -fsSLo kubectl.sha256 "https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl.sha256" \
  && echo "$(cat kubectl.sha256)  kubectl" | sha256sum -c - \
  && chmod 0755 helm kubectl

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  HOST=0.0.0.0 \
  PORT=3000 \
  KDEPLOY_DATA_DIR=/data \
  KDEPLOY_HELM=/usr/local/bin/helm \
  KDEPLOY_KUBECTL=/usr/local/bin/kubectl \
  HOME=/tmp
WORKDIR /app
RUN groupadd --system --gid 10001 kdeploy \
  && useradd --system --uid 10001 --gid kdeploy --home-dir /tmp --shell /usr/sbin/nologin kdeploy \
  && mkdir -p /data && chown kdeploy:kdeploy /data && chmod 0700 /data
COPY --from=tools /tools/helm /tools/kubectl /usr/local/bin/
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/server/store/generated ./server/store/generated
COPY --from=build /app/.next ./.next
COPY package.json next.config.ts tsconfig.json ./
COPY server ./server
COPY prisma ./prisma
# Next writes its cache at run time; the rest of /app stays read-only for the server's user.
RUN mkdir -p .next/cache && chown kdeploy:kdeploy .next/cache
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://localhost:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (no npm or shell in between): running steps are checkpointed.
CMD ["node", "--import", "tsx", "server/index.ts"]
