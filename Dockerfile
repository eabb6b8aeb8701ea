# Foreman server image: built with the .NET SDK, run on the ASP.NET Core runtime with ffmpeg, as a non-root user.
#
#   docker build -t foreman .
#   docker run -d -p 8080:8080 -v foreman-data:/data foreman
#   docker run -d -p 8080:8080 -v foreman-data:/data -v "$PWD/models:/models:ro" -e Foreman__ModelsDir=/models foreman
#
# CUDA build (ONNX Runtime's GPU package, published self-contained onto an image that has CUDA 12 and cuDNN 9):
#   docker build --build-arg FOREMAN_GPU=true --build-arg RUNTIME_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 -t foreman:gpu .
#   docker run -d --gpus all -p 8080:8080 -v foreman-data:/data foreman:gpu
# See docs/operations.md.

ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# true: Microsoft.ML.OnnxRuntime.Gpu instead of the CPU package, and a self-contained app (a CUDA base has no .NET).
ARG FOREMAN_GPU=false
WORKDIR /src
# Restore on the project files alone first, so that layer is reused while only the sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Foreman/Foreman.csproj src/Foreman/
RUN dotnet restore src/Foreman/Foreman.csproj -r linux-x64 -p:ForemanGpu=${FOREMAN_GPU}
COPY migrations/ migrations/
COPY models/ models/
COPY src/ src/
RUN dotnet publish src/Foreman/Foreman.csproj -c Release -r linux-x64 --no-restore \
    -p:ForemanGpu=${FOREMAN_GPU} --self-contained ${FOREMAN_GPU} -o /app

FROM ${RUNTIME_IMAGE} AS runtime
# ffmpeg decodes the uploaded audio; curl answers the health check.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The .NET images define APP_UID (the non-root "app" user); other bases (CUDA) get the same number.
ARG APP_UID=1654
ENV Foreman__DataDir=/data \
    ASPNETCORE_HTTP_PORTS=8080 \
    HOME=/tmp
WORKDIR /app
COPY --from=build /app ./
# The SQLite file, its WAL and the uploads live here: mount a volume so they outlive the container.
RUN mkdir -p /data && chown "${APP_UID}" /data
VOLUME ["/data"]
USER ${APP_UID}
EXPOSE 8080
# Ready means the default model is loaded and the worker alive; the first load can take a while.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/app/foreman"]
CMD ["serve"]
