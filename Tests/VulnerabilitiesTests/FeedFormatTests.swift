import Foundation
import ScoutModel
import Testing
@testable import Vulnerabilities

@Suite struct FeedFormatTests {
    @Test func kevCatalogueFormat() throws {
        let loaded = try AdvisoryLoader.load(format: .kev, path: Paths.fixture("feeds/kev-format-sample.json"))
        #expect(loaded.kev.map(\.cveID) == ["CVE-2020-28928", "CVE-2000-0000"])
        #expect(loaded.kev[0].dateAdded == "2000-01-01")
        #expect(loaded.kev[0].dueDate == "2000-01-22")
        #expect(loaded.kev[1].knownRansomwareCampaignUse == "Known")
        #expect(loaded.recordCount == 2)
    }

    @Test func kevWithAWrongCountIsRefused() throws {
        var text = try String(contentsOfFile: Paths.fixture("feeds/kev-format-sample.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"count\": 2", with: "\"count\": 3")
        #expect(throws: ImportError.self) { try KEVDecoder.decode(Data(text.utf8), path: "kev.json") }
        #expect(throws: ImportError.self) { try KEVDecoder.decode(Data("{\"vulnerabilities\": [{\"x\": 1}]}".utf8), path: "kev.json") }
    }

    @Test func epssCSVPlainAndGzipped() throws {
        for name in ["epss-format-sample.csv", "epss-format-sample.csv.gz"] {
            let loaded = try AdvisoryLoader.load(format: .epss, path: Paths.fixture("feeds/\(name)"))
            #expect(loaded.epss.count == 3, "\(name)")
            let musl = try #require(loaded.epss.first { $0.cveID == "CVE-2020-28928" })
            #expect(musl.score == 0.00042 && musl.percentile == 0.09123)
            #expect(musl.date == "2000-01-01T00:00:00+0000")
            // As Docker Scout prints them.
            #expect(musl.scoreDisplay == "0.042%")
            #expect(musl.percentileDisplay == "9th percentile")
        }
        #expect(EPSSScore(cveID: "x", score: 0.51, percentile: 0.9725).percentileDisplay == "97th percentile")
        #expect(EPSSScore(cveID: "x", score: 0.0004, percentile: 0.215).percentileDisplay == "21st percentile")
        #expect(EPSSScore(cveID: "x", score: 0.0004, percentile: 0.125).percentileDisplay == "12th percentile")
        #expect(EPSSScore(cveID: "x", score: 0.0004, percentile: 0.125).scoreDisplay == "0.04%")
    }

    @Test func epssRejectsOtherCSV() {
        #expect(throws: ImportError.self) { try EPSSDecoder.decode(Data("a,b,c\n1,2,3\n".utf8), path: "x.csv") }
        #expect(throws: ImportError.self) { try EPSSDecoder.decode(Data("cve,epss,percentile\nCVE-1-1,2.5,0.1\n".utf8), path: "x.csv") }
    }

    @Test func osvYAMLInsideAZip() throws {
        let loaded = try AdvisoryLoader.load(format: .osv, path: Paths.fixture("feeds/osv-pypi-yaml.zip"))
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.advisories.count == 14)
        let requests = try #require(loaded.advisories.first { $0.id == "PYSEC-2023-74" })
        #expect(requests.aliases.contains("CVE-2023-32681"))
        #expect(requests.affected.first?.ranges.last?.events == [.introduced("2.3.0"), .fixed("2.31.0")])
    }

    @Test func streamingHandsOverBatches() throws {
        var batches: [Int] = []
        let summary = try AdvisoryLoader.stream(format: .osv, path: Paths.fixture("feeds/osv-pypi-yaml.zip"), batchSize: 4) { batch in
            batches.append(batch.advisories.count)
        }
        #expect(batches == [4, 4, 4, 2])
        #expect(summary.filesRead == 14)
    }

    @Test func enricherAttachesKEVAndTheHighestEPSS() {
        let package = Package(type: .apk, name: "musl", version: "1", purl: "pkg:apk/alpine/musl@1", cataloger: "apk")
        let finding = Finding(vulnerabilityID: "CVE-2020-28928", aliases: ["CVE-2000-0000", "GHSA-x"], package: package, severity: .medium, affectedRange: "<2", ecosystem: "Alpine:v3.11")
        let enricher = FindingEnricher(
            kev: ["CVE-2000-0000": KEVEntry(cveID: "CVE-2000-0000", dateAdded: "2000-01-02")],
            epss: ["CVE-2020-28928": EPSSScore(cveID: "CVE-2020-28928", score: 0.1, percentile: 0.5),
                   "CVE-2000-0000": EPSSScore(cveID: "CVE-2000-0000", score: 0.3, percentile: 0.8)])
        let enriched = enricher.enrich([finding])[0]
        #expect(enriched.kev?.cveID == "CVE-2000-0000", "an alias listed in KEV counts")
        #expect(enriched.epss?.score == 0.3)
    }
}
