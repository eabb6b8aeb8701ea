# Foreman server image: built with the .NET SDK, run with ffmpeg as a non-root user. The app is published
# self-contained, so the runtime image needs no .NET: the small runtime-deps image by default, a CUDA one for GPUs.
#
#   docker build -t foreman .
#   docker run -d -p 8080:8080 -v foreman-data:/data foreman
#   docker run -d -p 8080:8080 -v foreman-data:/data -v "$PWD/models:/models:ro" -e Foreman__ModelsDir=/models foreman
#
# The default build carries ONNX Runtime's CUDA build, as `dotnet build` does: on this default base it runs on the CPU
# and /health says why (no CUDA libraries). On a GPU, give it a CUDA 13 + cuDNN 9 base and the GPU:
#   docker build --build-arg RUNTIME_IMAGE=nvidia/cuda:13.0.0-cudnn-runtime-ubuntu24.04 -t foreman:cuda .
#   docker run -d --gpus all -p 8080:8080 -v foreman-data:/data foreman:cuda
# CPU only, about 260 MB smaller: --build-arg FOREMAN_GPU=false. See docs/operations.md.

ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# true (the default): ONNX Runtime's CUDA build (-p:ForemanGpu=true); false: the slim CPU-only package.
ARG FOREMAN_GPU=true
WORKDIR /src
# Restore on the project files alone first, so that layer is reused while only the sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Foreman/Foreman.csproj src/Foreman/
RUN dotnet restore src/Foreman/Foreman.csproj -r linux-x64 -p:SelfContained=true -p:ForemanGpu=${FOREMAN_GPU}
COPY migrations/ migrations/
COPY models/ models/
COPY src/ src/
RUN dotnet publish src/Foreman/Foreman.csproj -c Release -r linux-x64 --no-restore \
    --self-contained -p:ForemanGpu=${FOREMAN_GPU} -o /app

FROM ${RUNTIME_IMAGE} AS runtime
# ffmpeg decodes the uploaded audio; curl answers the health check.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The .NET images define APP_UID (the non-root "app" user, 1654); other bases (CUDA) run as the same number.
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
