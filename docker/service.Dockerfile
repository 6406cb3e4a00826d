# syntax=docker/dockerfile:1
#
# One image recipe for every Spring Boot service of the repository; the module is a build argument,
# so no service directory needs a Dockerfile of its own. The build context is the repository root:
#
#   docker build -f docker/service.Dockerfile --build-arg MODULE=package-service -t upgradehub/package-service .
#
# (docker-compose.yml does exactly this for each service.) The image builds the jar itself, so a
# machine with only Docker can run it; the Maven repository is cached between builds.

# The console (served by the gateway) is built with node here, so that the Maven stage needs none:
# Maven then packs the ready dist/ (-Dexec.skip skips its npm steps).
FROM node:20-bookworm-slim AS console
WORKDIR /console
COPY console/package.json console/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY console/ ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
COPY --from=console /console/dist console/dist
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" \
 && mvn -B -q -DskipTests -Dexec.skip=true -Dspotless.check.skip=true -Djacoco.skip=true -pl "${MODULE}" -am package \
 && cp "${MODULE}/target/${MODULE}.jar" /service.jar

FROM eclipse-temurin:17-jre
# curl for the healthchecks; a fixed non-root user; a writable home for generated keys
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app upgradehub \
 && mkdir -p /var/lib/upgradehub \
 && chown 10001 /var/lib/upgradehub
WORKDIR /app
COPY --from=build /service.jar /app/service.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
