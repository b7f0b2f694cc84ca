# Rolefit container: a multi-stage build (cgo for SQLite), run as a
# non-root user with the database on a volume.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath -ldflags '-s -w' -o /out/app ./cmd/app

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/rolefit --create-home rolefit
COPY --from=build /out/app /usr/local/bin/rolefit
USER rolefit
WORKDIR /var/lib/rolefit
VOLUME ["/var/lib/rolefit"]
ENV ROLEFIT_ADDR=0.0.0.0:8080 ROLEFIT_DB=/var/lib/rolefit/rolefit.db
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/rolefit"]
CMD ["serve"]
