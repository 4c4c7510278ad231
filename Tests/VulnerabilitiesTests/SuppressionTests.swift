import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

@Suite struct SuppressionTests {
    static func apk(_ name: String, _ version: String) -> Package {
        Package(type: .apk, name: name, version: version, sourceName: name, purl: "pkg:apk/alpine/\(name)@\(version)?arch=x86_64&distro=alpine-3.11.5", cataloger: "apk-db-cataloger")
    }

    static func finding(_ id: String, _ package: Package, aliases: [String] = []) -> Finding {
        Finding(vulnerabilityID: id, aliases: aliases, package: package, severity: .high, affectedRange: "<9", ecosystem: "Alpine:v3.11")
    }

    static let image = ImageIdentity(digest: "sha256:a7b891c632c4", tags: [(repository: "library/alpine", tag: "3.11")])

    @Test func openVEXStatementsSuppressAndTheLatestWins() throws {
        let document = try OpenVEXDocument.decode(Data(contentsOf: URL(fileURLWithPath: Paths.fixture("feeds/vex/format-sample.openvex.json"))), source: "vex.json")
        #expect(document.statements.count == 3)
        let busybox = Self.finding("CVE-2021-28831", Self.apk("busybox", "1.31.1-r9"))
        let musl = Self.finding("CVE-2020-28928", Self.apk("musl", "1.1.24-r2"))
        let other = Self.finding("CVE-2021-42374", Self.apk("busybox", "1.31.1-r9"))
        let rules = SuppressionRules(documents: [document], ignore: [], today: "2026-01-01")
        let result = rules.apply(to: [busybox, musl, other], image: Self.image)
        #expect(result[0].suppression?.status == "not_affected")
        #expect(result[0].suppression?.justification == "vulnerable_code_not_in_execute_path")
        #expect(result[0].suppression?.source == "vex.json")
        #expect(result[1].suppression == nil, "the later 'affected' statement overrides 'fixed'")
        #expect(result[2].suppression == nil, "another vulnerability is not covered")
        // The same busybox statement names the 3.11 tag: another image is not covered.
        let elsewhere = ImageIdentity(digest: "sha256:58daa64ffbaa", tags: [(repository: "library/alpine", tag: "3.10")])
        #expect(rules.apply(to: [busybox], image: elsewhere)[0].suppression == nil)
    }

    static func document(products: [String], subcomponents: [String] = []) throws -> OpenVEXDocument {
        let list = { (ids: [String]) in ids.map { #"{"@id": "\#($0)"}"# }.joined(separator: ",") }
        let text = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
              {"vulnerability": {"name": "CVE-2021-28831"}, "products": [\(list(products))], "subcomponents": [\(list(subcomponents))], "status": "fixed"}]}
            """
        return try OpenVEXDocument.decode(Data(text.utf8), source: "image:/vex/alpine.vex.json")
    }

    @Test func aVEXDocumentInsideTheImageCoversThatImageWhenItNamesIt() throws {
        let busybox = Self.finding("CVE-2021-28831", Self.apk("busybox", "1.31.1-r9"))
        let rules = SuppressionRules(documents: [], ignore: [], today: "2026-01-01")
        for product in ["pkg:oci/alpine?repository_url=docker.io/library/alpine", "pkg:docker/library/alpine@3.11", "pkg:oci/alpine@sha256%3Aa7b891c632c4"] {
            let document = try Self.document(products: [product])
            #expect(rules.apply(to: [busybox], image: Self.image, imageDocuments: [document])[0].suppression?.status == "fixed", "\(product)")
        }
        let subcomponent = try Self.document(products: ["pkg:docker/library/alpine"], subcomponents: ["pkg:apk/alpine/busybox"])
        #expect(rules.apply(to: [busybox], image: Self.image, imageDocuments: [subcomponent])[0].suppression?.status == "fixed")
        // The same document given in the config names no image it knows: nothing is suppressed.
        let configured = SuppressionRules(documents: [try Self.document(products: ["pkg:oci/alpine"])], ignore: [], today: "2026-01-01")
        #expect(configured.apply(to: [busybox], image: Self.image)[0].suppression == nil)
    }

    /// Issue 18.15: a document planted in an image (a dependency's folder) must not speak for "any image".
    @Test func aVEXDocumentInsideTheImageThatDoesNotNameItSuppressesNothing() throws {
        let busybox = Self.finding("CVE-2021-28831", Self.apk("busybox", "1.31.1-r9"))
        let rules = SuppressionRules(documents: [], ignore: [], today: "2026-01-01")
        for products in [["pkg:oci/anything"], ["pkg:oci/alpine"], ["pkg:docker/node"], ["pkg:oci/x?repository_url=docker.io/library/node"],
                         [], ["pkg:apk/alpine/busybox"]] {
            let document = try Self.document(products: products)
            #expect(rules.apply(to: [busybox], image: Self.image, imageDocuments: [document])[0].suppression == nil, "\(products)")
        }
    }

    @Test func ignoreEntriesMatchIdsPackagesImagesAndExpire() {
        let busybox = Self.finding("CVE-2021-28831", Self.apk("busybox", "1.31.1-r9"), aliases: ["ALPINE-1"])
        let entry = IgnoreEntry(id: "ALPINE-1", package: "busybox", image: "library/alpine:3.11", reason: "not reachable", expires: "2026-06-30", source: "scout-report.yml")
        let active = SuppressionRules(documents: [], ignore: [entry], today: "2026-06-30T23:00:00Z")
        let suppression = active.apply(to: [busybox], image: Self.image)[0].suppression
        #expect(suppression?.kind == .ignore)
        #expect(suppression?.statement == "not reachable")
        #expect(suppression?.expires == "2026-06-30")
        let expired = SuppressionRules(documents: [], ignore: [entry], today: "2026-07-01T00:00:00Z")
        #expect(expired.apply(to: [busybox], image: Self.image)[0].suppression == nil, "it expires by itself")
        var otherPackage = entry
        otherPackage.package = "pkg:apk/alpine/musl"
        #expect(SuppressionRules(documents: [], ignore: [otherPackage], today: "2026-01-01").apply(to: [busybox], image: Self.image)[0].suppression == nil)
    }

    @Test func purlPatterns() {
        #expect(PurlPattern.matches("pkg:apk/alpine/busybox", "pkg:apk/alpine/busybox@1.31.1-r9?arch=x86_64"))
        #expect(PurlPattern.matches("pkg:apk/alpine/busybox@1.31.1-r9", "pkg:apk/alpine/busybox@1.31.1-r9?arch=x86_64"))
        #expect(!PurlPattern.matches("pkg:apk/alpine/busybox@1.31.1-r10", "pkg:apk/alpine/busybox@1.31.1-r9"))
        #expect(!PurlPattern.matches("pkg:apk/alpine/busybox?arch=aarch64", "pkg:apk/alpine/busybox@1?arch=x86_64"))
        #expect(PurlPattern.matches("pkg:npm/%40scope/name", "pkg:npm/@scope/name@1.0.0"))
        #expect(!PurlPattern.matches("pkg:apk/alpine/busy", "pkg:apk/alpine/busybox@1"))
    }
}
