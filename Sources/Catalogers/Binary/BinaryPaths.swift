/// Which files the binary catalogers (Go build info, cargo-auditable) read.
///
/// `wants` sees only a path, and every wanted program is read whole while its parsers run (up to the
/// layer reader's 64 MiB file limit; layers then keep only its `BinarySummary`), so "any executable"
/// is not an option. Like syft's binary globs, the rule keeps
/// files in directories where programs live: any directory named `bin`, `sbin` or `libexec` at any depth
/// (`usr/local/bin/x`, `opt/app/bin/x`, `root/go/bin/x`), files directly in `/` (distroless and
/// scratch images: `/manager`, `/main`), and files directly in `app/`, `ko-app/`, `srv/`, `workspace/`.
/// Names with a script, text or library extension are left out. The cost: a Go or Rust program
/// stored elsewhere (`usr/lib/foo/helper`) is missed; the gain: `usr/lib` and `usr/share` stay unread.
enum BinaryPaths {
    static let programDirectories: Set<Substring> = ["bin", "sbin", "libexec"]
    static let applicationDirectories: Set<Substring> = ["app", "ko-app", "srv", "workspace"]
    static let skippedExtensions: Set<Substring> = [
        "sh", "bash", "py", "pyc", "pl", "pm", "rb", "js", "mjs", "cjs", "ts", "php", "lua", "tcl", "awk",
        "txt", "md", "json", "yaml", "yml", "toml", "xml", "html", "css", "conf", "cfg", "ini", "properties",
        "jar", "war", "class", "so", "a", "o", "h", "c", "go", "rs", "gz", "xz", "bz2", "zst", "zip", "tar",
        "png", "jpg", "svg", "ico", "pem", "crt", "key", "lock", "log", "bat", "cmd", "ps1", "env",
        "sha1", "sha256", "sha512", "md5", "asc", "sig",
    ]

    static func isCandidate(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last, !name.hasPrefix(".") else { return false }
        if let dot = name.lastIndex(of: "."), skippedExtensions.contains(name[name.index(after: dot)...].lowercased()[...]) {
            return false
        }
        let directories = parts.dropLast()
        if directories.contains(where: programDirectories.contains) { return true }
        if directories.isEmpty { return true }
        return directories.count == 1 && applicationDirectories.contains(directories[directories.startIndex])
    }
}
