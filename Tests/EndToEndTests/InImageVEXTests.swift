import Foundation
import Testing

/// Issue 18.15 through the binary: the real alpine-310 layer plus a layer holding an OpenVEX document
/// that marks its 7 openssl CVEs not_affected. Planted in a dependency's folder naming "any image", it
/// used to take the site's count to 0 while `cves` still reported 7; now only a document at a path the
/// repository opted in to, naming that repository, applies, and `cves` agrees with the site.
@Suite(.serialized) struct InImageVEXTests {
    static let ids = ["CVE-2020-1967", "CVE-2020-1971", "CVE-2021-23839", "CVE-2021-23840", "CVE-2021-23841", "CVE-2021-3449", "CVE-2021-3450"]

    static func vex(product: String) -> String {
        let statements = ids.map {
            #"{"vulnerability": {"name": "\#($0)"}, "products": [{"@id": "\#(product)"}], "status": "not_affected", "justification": "vulnerable_code_not_present"}"#
        }
        return #"{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "x", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [\#(statements.joined(separator: ", "))]}"#
    }

    /// An OCI layout at `folder`: the alpine-310 layer, then a layer with `document` at `path`.
    static func writeImage(at folder: URL, path: String, document: String) throws {
        let script = #"""
            set -euo pipefail
            src=$0; out=$1; path=$2; doc=$3
            work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
            mkdir -p "$out/blobs/sha256" "$work/root/$(dirname "$path")"
            tar -xzOf "$src" 71dba1fabbde4baabcdebcde4895d3f3887e388b09cef162f8159cf7daffa1b8/layer.tar > "$work/l1.tar"
            printf '%s' "$doc" > "$work/root/$path"
            tar -C "$work/root" --owner=0 --group=0 --mtime=@0 -cf "$work/l2.tar" "${path%%/*}"
            blob() { local d; d=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$out/blobs/sha256/$d"; echo "$d"; }
            size() { stat -c %s "$1"; }
            l1=$(blob "$work/l1.tar"); l2=$(blob "$work/l2.tar")
            printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s","sha256:%s"]},"history":[{"created_by":"alpine"},{"created_by":"vex"}]}' "$l1" "$l2" > "$work/config.json"
            config=$(blob "$work/config.json")
            printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s},{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
                "$config" "$(size "$work/config.json")" "$l1" "$(size "$work/l1.tar")" "$l2" "$(size "$work/l2.tar")" > "$work/manifest.json"
            manifest=$(blob "$work/manifest.json")
            printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"os":"linux","architecture":"amd64"}}]}' "$manifest" "$(size "$work/manifest.json")" > "$out/index.json"
            printf '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
            """#
        let archive = Binary.root.appendingPathComponent("examples/images/alpine-310.tar.gz").path
        let result = try Binary.shell(script, [archive, folder.path, path, document])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func thePlantedDocumentIsIgnoredAndTheOptedInOneAppliesOnTheSiteAndInCves() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let folder = example.folder
        try Self.writeImage(at: folder.appendingPathComponent("planted"), path: "usr/lib/node_modules/left-pad/left-pad.vex.json",
                            document: Self.vex(product: "pkg:oci/anything"))
        try Self.writeImage(at: folder.appendingPathComponent("vexed"), path: "vex/app.vex.json",
                            document: Self.vex(product: "pkg:docker/team/vexed"))
        let config = folder.appendingPathComponent("vex.yml")
        try """
            store: vex.sqlite
            site: vex-site
            advisories:
              - {name: alpine-secdb, format: alpine-secdb, path: examples/advisories/alpine-secdb}
            repositories:
              - name: team/planted
                images: [{tag: "1", ref: "oci-dir://planted"}]
              - name: team/vexed
                images: [{tag: "1", ref: "oci-dir://vexed"}]
                vex: {in-image: [/vex/*.vex.json]}
            """.write(to: config, atomically: true, encoding: .utf8)
        let run = try Binary.run(["run", "--config", config.path])
        #expect(run.status == 0, "\(run.stderr)")

        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("vex-site/index.json"))) as? [String: Any])
        var siteTotals: [String: Int] = [:]
        for image in index["images"] as? [[String: Any]] ?? [] {
            siteTotals[image["repository"] as? String ?? ""] = (image["vulnerabilities"] as? [String: Any])?["total"] as? Int
        }
        #expect(siteTotals == ["team/planted": 7, "team/vexed": 0], "\(siteTotals)")

        let db = folder.appendingPathComponent("vex.sqlite").path
        let planted = try Binary.run(["cves", "--exit-code", "oci-dir://" + folder.appendingPathComponent("planted").path, "--db", db])
        #expect(planted.status == 2, "the planted document hides nothing: \(planted.stderr)")
        #expect(planted.stdout.contains("CVE-2021-3450"))
        let vexed = try Binary.run(["cves", "--exit-code", "oci-dir://" + folder.appendingPathComponent("vexed").path, "--db", db])
        #expect(vexed.status == 0, "cves suppresses what the site does: \(vexed.stdout)")
        #expect(!vexed.stdout.contains("CVE-2021-3450"))
    }
}
