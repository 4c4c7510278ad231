import Foundation
import Testing

/// The Scout-compatible commands on the built binary: formats, references, exit codes 0/1/2/64.
@Suite(.serialized) struct CLICommandsTests {
    static let now = "2026-01-01T00:00:00Z"

    func alpine(_ example: ExampleCopy, _ release: String) -> String {
        "archive://" + example.folder.appendingPathComponent("examples/images/alpine-\(release).tar.gz").path
    }

    @Test func everyCVEsFormatAndExitCodes() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try ImageCommandTests.store(in: example)
        let image = alpine(example, "311")
        for format in ["packages", "only-packages", "markdown", "sarif", "gitlab", "spdx", "cyclonedx"] {
            let result = try Binary.run(["cves", "--format", format, image, "--db", db, "--now", Self.now])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout.contains("CVE-2021-3711") || format == "only-packages", "\(format) misses the critical CVE")
            #expect(result.stderr.isEmpty, "no progress when stderr is not a terminal: \(result.stderr)")
        }
        // 2: --exit-code with vulnerabilities left; 0 when the filters leave none.
        let two = try Binary.run(["cves", "-e", "--only-severity", "critical", image, "--db", db])
        #expect(two.status == 2, "\(two.stderr)")
        let zero = try Binary.run(["cves", "--exit-code", "--only-cve-id", "CVE-1999-0001", image, "--db", db])
        #expect(zero.status == 0, "\(zero.stderr)")
        #expect(zero.stdout.contains("No vulnerable package detected"))
        // --only-base: no base-image data yet, so nothing; --ignore-base keeps everything.
        let onlyBase = try Binary.run(["cves", "-e", "--only-base", image, "--db", db])
        #expect(onlyBase.status == 0)
        let ignoreBase = try Binary.run(["cves", "-e", "--ignore-base", image, "--db", db])
        #expect(ignoreBase.status == 2)
        // 64: usage errors.
        for arguments in [["cves", "--format", "html", image], ["cves", "--only-severity", "severe", image],
                          ["cves", "--only-package", "([", image], ["cves"], ["sbom", "--format", "xml", image],
                          ["compare", image], ["cves", "--only-fixed", "--only-unfixed", image]] {
            let result = try Binary.run(arguments + ["--db", db])
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        }
        // 1: an error, one line on stderr.
        let missing = try Binary.run(["cves", "fs:///nonexistent/rootfs", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("/nonexistent/rootfs"))
    }

    @Test func outputFileAndSBOMRoundTrip() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try ImageCommandTests.store(in: example)
        let image = "oci-dir://" + example.folder.appendingPathComponent("examples/images/postgres-13.1-buster").path
        let direct = try Binary.run(["cves", "--format", "only-packages", "--only-vuln-packages", image, "--db", db])
        #expect(direct.status == 0, "\(direct.stderr)")
        for format in ["cyclonedx", "spdx"] {
            let file = example.folder.appendingPathComponent("sbom.\(format).json").path
            let written = try Binary.run(["sbom", "--format", format, "--output", file, image, "--db", db, "--now", Self.now])
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout.isEmpty)
            // The document names the image's digest, so the stored SBOM answers; a fresh store reads the document.
            let fresh = example.folder.appendingPathComponent("fresh-\(format).sqlite").path
            for store in [db, fresh] {
                if store == fresh {
                    for (kind, path) in [("alpine-secdb", "alpine-secdb"), ("osv", "debian-osv.zip"), ("nvd", "nvd/nvd-cves.json.gz")] {
                        _ = try Binary.run(["db", "import", "--format", kind, example.folder.appendingPathComponent("examples/advisories/\(path)").path, "--db", fresh])
                    }
                }
                let viaSBOM = try Binary.run(["cves", "--format", "only-packages", "--only-vuln-packages", "sbom://" + file, "--db", store])
                #expect(viaSBOM.status == 0, "\(viaSBOM.stderr)")
                #expect(viaSBOM.stdout == direct.stdout, "\(format) via \(store == db ? "cache" : "document"):\n\(viaSBOM.stdout)\nvs\n\(direct.stdout)")
            }
        }
        let list = try Binary.run(["sbom", "--format", "list", "--only-package-type", "deb", image, "--db", db])
        #expect(list.status == 0)
        #expect(list.stdout.contains("  libc6 ") || list.stdout.contains("  libssl1.1 "), "\(list.stdout)")
    }

    @Test func sbomFromStdinAndFilesystem() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try ImageCommandTests.store(in: example)
        let cyclonedx = try Binary.run(["sbom", "--format", "cyclonedx", alpine(example, "310"), "--db", db])
        let document = example.folder.appendingPathComponent("alpine.cdx.json")
        try Data(cyclonedx.stdout.utf8).write(to: document)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["cves", "--format", "only-packages", "--only-vuln-packages", "sbom://-", "--db", db]
        process.standardInput = try FileHandle(forReadingFrom: document)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("openssl"))

        // fs://: the rootfs fixture of the Alpine 3.10 image, unpacked by tar.
        let rootfs = example.folder.appendingPathComponent("rootfs")
        try FileManager.default.createDirectory(at: rootfs, withIntermediateDirectories: true)
        let unpack = Process()
        unpack.executableURL = URL(fileURLWithPath: "/bin/sh")
        unpack.arguments = ["-c", "cd '\(rootfs.path)' && tar -xzOf '\(example.folder.path)/examples/images/alpine-310.tar.gz' --wildcards '*/layer.tar' | tar -x 2>/dev/null; true"]
        try unpack.run()
        unpack.waitUntilExit()
        let fs = try Binary.run(["cves", "--format", "only-packages", "--only-vuln-packages", "fs://" + rootfs.path, "--db", db])
        #expect(fs.status == 0, "\(fs.stderr)")
        #expect(fs.stdout.contains("openssl"), "\(fs.stdout)")
        let again = try Binary.run(["sbom", "--format", "json", "fs://" + rootfs.path, "--db", db])
        let digest = try #require((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["digest"] as? String)
        #expect(digest.hasPrefix("sha256:") && digest.count == 71)
    }

    @Test func compareExitOn() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try ImageCommandTests.store(in: example)
        let newer = alpine(example, "311"), older = alpine(example, "310")
        let text = try Binary.run(["compare", newer, "--to", older, "--db", db])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("CVE-2021-3711"))
        let worse = try Binary.run(["compare", newer, "--to", older, "--exit-on", "vulnerability", "--db", db])
        #expect(worse.status == 2)
        let better = try Binary.run(["compare", older, "--to", newer, "-x", "vulnerability", "--db", db])
        #expect(better.status == 0, "3.10 has no vulnerability 3.11 lacks")
        let changed = try Binary.run(["compare", older, "--to", newer, "-x", "package", "--format", "json", "--db", db])
        #expect(changed.status == 2)
        #expect((try? JSONSerialization.jsonObject(with: Data(changed.stdout.utf8))) != nil)
        let bad = try Binary.run(["compare", older, "--to", newer, "-x", "policy", "--db", db])
        #expect(bad.status == 64)
    }

    @Test func recommendationsHelpAndCompletions() throws {
        let example = try ExampleCopy()
        defer { example.remove() }
        let db = try ImageCommandTests.store(in: example)
        let result = try Binary.run(["recommendations", alpine(example, "311"), "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("No base image data"))
        for command in ["quickview", "cves", "sbom", "compare", "recommendations"] {
            let help = try Binary.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command) --help has no examples")
        }
        let bash = try Binary.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        #expect(bash.stdout.contains("complete") && bash.stdout.contains("cves") && bash.stdout.contains("--only-severity"))
        let zsh = try Binary.run(["--generate-completion-script", "zsh"])
        #expect(zsh.stdout.contains("#compdef scout-report"))
    }
}
