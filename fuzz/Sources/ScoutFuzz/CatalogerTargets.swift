import Catalogers
import ScoutModel

/// The OS package databases, through the parsers and through the whole cataloging of a layer.
enum CatalogerTargets {
    static func dpkg(_ bytes: [UInt8]) {
        _ = try? DpkgStatusParser.entries(DatabaseFile(path: "var/lib/dpkg/status", content: bytes))
        catalog("var/lib/dpkg/status", bytes)
    }

    static func apk(_ bytes: [UInt8]) {
        _ = try? ApkDBParser.entries(DatabaseFile(path: "lib/apk/db/installed", content: bytes))
        catalog("lib/apk/db/installed", bytes)
    }

    /// SQLite, NDB and Berkeley DB are told apart by their magic, so one target covers all three.
    static func rpm(_ bytes: [UInt8]) {
        _ = try? RpmDBParser.entries(DatabaseFile(path: "var/lib/rpm/Packages", content: bytes))
    }

    private static func catalog(_ path: String, _ bytes: [UInt8]) {
        let layer = LayerFiles(diffID: "sha256:" + String(repeating: "0", count: 64), files: [path: bytes])
        let result = Cataloging.catalog(layers: [layer])
        for package in result.packages {
            FuzzCheck.require(!package.name.isEmpty, "a package without a name from \(path)")
        }
    }
}
