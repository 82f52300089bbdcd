# Baton as a container image: built with Maven, run on a JRE. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl service -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 baton
COPY --from=build /src/service/target/baton-service.jar /opt/baton/baton-service.jar
USER baton
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["wget", "-qO-", "http://127.0.0.1:8080/actuator/health"]
ENTRYPOINT ["java", "-jar", "/opt/baton/baton-service.jar"]
