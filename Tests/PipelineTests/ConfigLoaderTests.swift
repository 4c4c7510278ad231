import Foundation
import Testing
@testable import Pipeline

@Suite struct ConfigLoaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func readsTheBundledExample() throws {
        let path = Self.root.appendingPathComponent("examples/scout-report.yml").path
        let config = try ConfigLoader.load(path: path)
        #expect(config.title == "Example fleet")
        #expect(config.site == Self.root.appendingPathComponent("site").standardizedFileURL.path)
        #expect(config.advisories.map(\.format) == ["alpine-secdb", "osv", "nvd"])
        #expect(config.repositories.map(\.name) == ["library/alpine", "library/postgres", "example/hello"])
        #expect(config.repositories.map(\.enabled) == [true, true, false])
        let first = try #require(config.repositories.first?.images.first)
        #expect(first.tag == "3.10")
        #expect(first.reference == "archive://" + Self.root.appendingPathComponent("examples/images/alpine-310.tar.gz").standardizedFileURL.path)
        #expect(config.platform.description == "linux/amd64")
    }

    @Test func unknownKeyNamesLineAndSuggests() {
        let text = """
            title: x
            repositories:
              - name: a
                enabeld: true
            """
        do {
            _ = try ConfigLoader.parse(text, file: "/etc/scout.yml")
            Issue.record("an unknown key was accepted")
        } catch let error as ConfigError {
            #expect(error.line == 4)
            #expect(error.description.contains("/etc/scout.yml:4"))
            #expect(error.description.contains("'enabeld'"))
            #expect(error.description.contains("did you mean 'enabled'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        ("advisories:\n  - name: a\n    format: rss\n    path: x", "format"),
        ("repositories:\n  - name: a\n    enabled: maybe", "enabled"),
        ("repositories:\n  - name: a\n    images:\n      - ref: registry.example/x", "ref"),
        ("platform: linux", "platform"),
        ("repositories:\n  - enabled: true", "name"),
        ("title: [a, b]", "title"),
    ])
    func badValuesAreErrors(text: String, key: String) {
        do {
            _ = try ConfigLoader.parse(text, file: "c.yml")
            Issue.record("accepted: \(text)")
        } catch let error as ConfigError {
            #expect(error.description.contains("'\(key)'"), "\(error)")
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func syntaxErrorIsAConfigError() {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("title: [unclosed", file: "c.yml") }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/scout-report.yml") }
    }
}

@Suite struct TagSummaryTests {
    @Test func summariesNameEverySelection() throws {
        #expect(TagSelection().summary == "every tag")
        #expect(TagSelection(include: ["1.*", "2.*"], exclude: ["*-rc"], newest: 3).summary == "include 1.*, 2.*; exclude *-rc; newest 3")
        let config = try ConfigLoader.parse("""
            store: s.sqlite
            site: site
            repositories:
              - name: library/alpine
                images:
                  - tag: "3.10"
                    ref: archive://a.tar
                  - tag: "3.11"
                    ref: archive://b.tar
            """, file: "/tmp/c.yml")
        #expect(config.repositories[0].tagSummary == "3.10, 3.11")
    }
}
