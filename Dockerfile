# syntax=docker/dockerfile:1
# Consentinel service image. Build: docker build -t consentinel .  (or: docker compose build)

# ---- build stage: the Maven reactor, tests skipped (CI runs them against real PostgreSQL) ----
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Poms first, so dependency resolution is cached while only sources change.
COPY pom.xml ./
COPY service/pom.xml service/
COPY verifier/pom.xml verifier/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl service -am dependency:go-offline -DskipTests || true
COPY db db
COPY service/src service/src
COPY verifier/src verifier/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -pl service -am package -DskipTests \
 && cp service/target/consentinel-service-*.jar /consentinel.jar

# ---- runtime stage: JRE only, non-root ----
FROM eclipse-temurin:25-jre
RUN groupadd --system consentinel \
 && useradd --system --gid consentinel --home-dir /app --no-create-home --shell /usr/sbin/nologin consentinel \
 && mkdir -p /app && chown consentinel:consentinel /app
WORKDIR /app
COPY --from=build --chown=consentinel:consentinel /consentinel.jar /app/consentinel.jar
USER consentinel:consentinel
# Size the heap from the container's memory limit, not the host's, and commit all of it from the start:
# a heap G1 keeps small marks its live set (the consent cache) over and over (docs/DEPLOYMENT.md, "Heap").
ENV JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: the API (and the /livez, /readyz probes); 8081: the actuator (health, Prometheus), for the
# internal network only (docs/DEPLOYMENT.md).
EXPOSE 8080 8081
# No HEALTHCHECK here: the JRE image is not guaranteed to ship curl/wget. docker-compose.yml probes
# /readyz with bash's /dev/tcp; Kubernetes should use httpGet probes on /livez and /readyz.
ENTRYPOINT ["java", "-jar", "/app/consentinel.jar"]
