import Pipeline

/// The YAML configuration: any text gives a Config or an error, never a crash or a hang.
enum ConfigTargets {
    static func config(_ bytes: [UInt8]) {
        _ = try? ConfigLoader.parse(String(decoding: bytes, as: UTF8.self), file: "/fuzz/scout-report.yml")
    }
}
