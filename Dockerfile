# Baton as a container image: built with Maven, run on a JRE. Used by docker-compose.yml.
# The dashboard (ui/) is built with Node in its own stage; Maven then packages its output
# (-Dui.skip: no npm in the Maven image).
FROM node:20-bookworm-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY ui/ ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
COPY --from=ui /src/ui/target/classes/static ui/target/classes/static
RUN mvn -B -q -DskipTests -Dui.skip=true package -pl service -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 baton
COPY --from=build /src/service/target/baton-service.jar /opt/baton/baton-service.jar
USER baton
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["wget", "-qO-", "http://127.0.0.1:8080/actuator/health"]
ENTRYPOINT ["java", "-jar", "/opt/baton/baton-service.jar"]
