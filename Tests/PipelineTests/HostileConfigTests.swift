import Foundation
import Testing
@testable import Pipeline

/// Configuration files built to exhaust the loader: each is an error naming the file, quickly.
@Suite struct HostileConfigTests {
    @Test func oversizedFilesAreRefusedBeforeParsing() {
        let text = "title: x\n# " + String(repeating: "a", count: 4 << 20) + "\n"
        do {
            _ = try ConfigLoader.parse(text, file: "/etc/big.yml")
            Issue.record("a 4 MiB configuration was parsed")
        } catch {
            #expect(String(describing: error).contains("/etc/big.yml"))
            #expect(String(describing: error).contains("larger than 4 MiB"))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = "title: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(throws: (any Error).self) { _ = try ConfigLoader.parse(text, file: "/etc/deep.yml") }
    }

    @Test func aliasBombsFailFast() {
        var text = "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        for level in 1...9 {
            text += "x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "repositories: *x9\n"
        let start = Date()
        #expect(throws: (any Error).self) { _ = try ConfigLoader.parse(text, file: "/etc/bomb.yml") }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
