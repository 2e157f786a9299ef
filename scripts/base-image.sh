#!/usr/bin/env bash
# A base image for Lumbung's container — a JRE 17 on Debian bookworm — made from Debian's packages
# as a docker-archive tarball, for machines that reach no container registry:
#   scripts/base-image.sh gateway/target/base-jre17.tar
#   mvn -B -Pimage -DskipTests package -Dimage.base=tar://$PWD/gateway/target/base-jre17.tar
# Needs root (debootstrap) and Debian's package mirror (the machine's configured one).
set -euo pipefail
out=$(realpath -m "${1:-gateway/target/base-jre17.tar}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v debootstrap > /dev/null || apt-get install -y debootstrap > /dev/null
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$work/rootfs" \
  > "$work/debootstrap.log" || { tail -20 "$work/debootstrap.log"; exit 1; }
rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/tmp/*
tar --numeric-owner -C "$work/rootfs" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
arch=$(dpkg --print-architecture)
java_home=/usr/lib/jvm/java-17-openjdk-$arch
cat > "$work/config.json" << JSON
{"architecture":"$arch","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config.json"
echo "[{\"Config\":\"$config.json\",\"RepoTags\":[\"lumbung-base:jre17\"],\"Layers\":[\"layer.tar\"]}]" > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json "$config.json" layer.tar
echo "$out ($(du -h "$out" | cut -f1)): a JRE 17 on Debian bookworm"
