import Foundation
import Testing
@testable import Pipeline

/// Publishing replaces the site folder whole and the run lock truncates its file: neither may reach
/// the project, the store or a file an attacker points them at.
@Suite struct PublishSafetyTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("publish-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func siteError(_ yaml: String, in folder: URL) -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(yaml, file: folder.appendingPathComponent("scout-report.yml").path)
            return nil
        } catch {
            return error as? ConfigError
        }
    }

    @Test(arguments: [
        ("site: .", "the configuration"),
        ("site: \"\"", "a folder of its own"),
        ("site: \"  \"", "a folder of its own"),
        ("site: ..", "the configuration"),
        ("site: /", "the configuration"),
        ("site: data", "the store"),
        ("site: images", "the image"),
    ])
    func aSiteThatHoldsTheProjectIsRefused(line: String, named: String) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let yaml = """
            store: data/store.sqlite
            \(line)
            repositories:
              - name: library/alpine
                images:
                  - tag: "3.11"
                    ref: archive://images/alpine.tar
            """
        let error = try #require(siteError(yaml, in: root))
        #expect(error.line == 2)
        #expect(error.description.contains("'site'"))
        #expect(error.description.contains(named))
    }

    @Test func aSymbolicLinkToTheProjectIsSeenThrough() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("public").path, withDestinationPath: root.path)
        let error = try #require(siteError("store: store.sqlite\nsite: public\n", in: root))
        #expect(error.description.contains("the configuration"))
        // A site of its own beside the project is fine.
        #expect(siteError("store: store.sqlite\nsite: site\n", in: root) == nil)
        #expect(siteError("store: store.sqlite\nsite: ../elsewhere-\(UUID().uuidString)\n", in: root) == nil)
    }

    @Test func theRunLockNeverFollowsAPlantedLink() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let victim = root.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: victim)
        let store = root.appendingPathComponent("store.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: store + ".lock", withDestinationPath: victim.path)
        #expect {
            _ = try RunLock(storePath: store, wait: false)
        } throws: { error in
            String(describing: error).contains("symbolic link") && String(describing: error).contains("store.sqlite.lock")
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")

        // A hard link to another file is refused the same way.
        try FileManager.default.removeItem(atPath: store + ".lock")
        try FileManager.default.linkItem(atPath: victim.path, toPath: store + ".lock")
        #expect(throws: RunLock.Unusable.self) { _ = try RunLock(storePath: store, wait: false) }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")

        // A lock in a folder that does not exist says so in one sentence, not an NSError dump.
        let missing = root.appendingPathComponent("no-such-folder/store.sqlite").path
        #expect {
            _ = try RunLock(storePath: missing, wait: false)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("Failed to take the run lock '\(missing).lock'") && !text.contains("NSCocoaErrorDomain")
        }
    }
}
