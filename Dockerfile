# The Complex Case Service in one image: the web application and the `complexcases` command line.
#   docker build --build-arg VERSION=1.2.0 --build-arg COMMIT=$(git rev-parse HEAD) -t complex-cases .
#   docker run -p 8080:8080 -v complex-cases-data:/data complex-cases
# Data (the SQLite database of a pilot) lives on the /data volume; a national service points
# ConnectionStrings__ComplexCases elsewhere (README, production settings).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The web build copies GOV.UK Frontend and MoJ Frontend from npm into wwwroot.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG VERSION=0.0.0
ARG COMMIT=unknown
# The version and commit are baked in: /info reports them, and the logs name them.
RUN dotnet publish src/ComplexCases.Web -c Release -o /app/web -p:Version=$VERSION -p:SourceRevisionId=$COMMIT \
 && dotnet publish src/ComplexCases.Cli -c Release -o /app/cli -p:Version=$VERSION -p:SourceRevisionId=$COMMIT

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Dates are England and Wales dates (due dates, reminders, bank holidays): the image keeps UK time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir /data && chown app:app /data \
 && ln -s /app/cli/complexcases /usr/local/bin/complexcases
ENV TZ=Europe/London \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__ComplexCases="Data Source=/data/complexcases.db"
COPY --from=build /app /app
VOLUME /data
# The image's unprivileged user (uid 1654), never root.
USER app
WORKDIR /app/web
EXPOSE 8080
ENTRYPOINT ["dotnet", "ComplexCases.Web.dll"]
