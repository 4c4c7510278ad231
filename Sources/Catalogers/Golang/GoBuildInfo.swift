/// The build information the Go linker embeds in every module-aware binary (`runtime/debug.BuildInfo`):
/// found in the `.go.buildinfo` section or, when the ELF has no section headers, by the 16-byte-aligned
/// `\xff Go buildinf:` magic.
public struct GoBuildInfo: Sendable, Hashable {
    /// One module line: `mod`/`dep` path, version and sum, with its `=>` replacement.
    public struct Module: Sendable, Hashable {
        public var path: String
        public var version: String
        public var sum: String?
        public var replacement: Replacement?
    }

    public struct Replacement: Sendable, Hashable {
        public var path: String
        /// Empty for a local directory replacement (`=> ../fork`).
        public var version: String
        public var sum: String?
    }

    /// `go1.22.0` (possibly followed by ` X:…` experiment tags).
    public var goVersion: String
    /// The `path` line: the main package's import path.
    public var path: String?
    public var main: Module?
    public var dependencies: [Module]
    /// `build` lines as key → value (`GOOS`, `GOARCH`, `-ldflags`, `vcs.revision`…).
    public var settings: [String: String]

    /// The 14-byte magic as raw bytes (0xFF is not valid UTF-8 on its own).
    static let magicBytes: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    /// Why build info was found but could not be read.
    struct FormatError: Error {
        var message: String
    }

    /// The build info of an ELF binary; nil when the file is not ELF or holds none (not a Go binary).
    static func read(_ bytes: [UInt8]) throws(FormatError) -> GoBuildInfo? {
        guard let elf = ELFFile(bytes) else { return nil }
        let reader = ByteReader(bytes)
        var start: Int?
        if let section = elf.sections.first(where: { $0.name == ".go.buildinfo" }), section.type != 8,
           reader.slice(section.offset, magicBytes.count)?.elementsEqual(magicBytes) == true {
            start = section.offset
        } else if elf.sections.isEmpty {
            // Section headers stripped (sstrip, some packers): look for the magic itself.
            start = reader.firstOffset(of: magicBytes, alignment: 16)
        }
        // With section headers but no `.go.buildinfo`, the file is not a Go ≥ 1.13 binary: no scan of C programs.
        guard let start else { return nil }
        guard let pointerSize = reader.u8(start + 14).map(Int.init), let flags = reader.u8(start + 15) else {
            throw FormatError(message: "the Go build info header is truncated")
        }
        let version: [UInt8], modinfo: [UInt8]
        if flags & 0x2 != 0 {
            // Go 1.18+: two varint-prefixed strings inline after the 32-byte header.
            var at = start + 32
            guard let first = Self.varintString(reader, at: &at), let second = Self.varintString(reader, at: &at) else {
                throw FormatError(message: "the Go build info strings run past the end of the file")
            }
            (version, modinfo) = (first, second)
        } else {
            // Before Go 1.18: two pointers to Go string headers, in the binary's byte order.
            guard pointerSize == 4 || pointerSize == 8 else {
                throw FormatError(message: "the Go build info names pointer size \(pointerSize)")
            }
            let ordered = ByteReader(bytes, bigEndian: flags & 0x1 != 0)
            guard let first = Self.pointedString(ordered, elf: elf, at: start + 16, pointerSize: pointerSize),
                  let second = Self.pointedString(ordered, elf: elf, at: start + 16 + pointerSize, pointerSize: pointerSize) else {
                throw FormatError(message: "the Go build info pointers lead outside the file")
            }
            (version, modinfo) = (first, second)
        }
        let versionText = String(decoding: version, as: UTF8.self)
        guard versionText.hasPrefix("go") || versionText.hasPrefix("devel") else {
            throw FormatError(message: "the Go build info version '\(versionText.prefix(40))' is not a Go version")
        }
        return parse(version: versionText, modinfo: modinfo)
    }

    /// Parses the module text (`path`, `mod`, `dep`, `=>`, `build` lines, tab-separated).
    static func parse(version: String, modinfo: [UInt8]) -> GoBuildInfo {
        var raw = modinfo[...]
        // Go ≥ 1.13 wraps the text in two 16-byte sentinels (not UTF-8: strip them as bytes).
        if raw.count >= 33, raw[raw.endIndex - 17] == UInt8(ascii: "\n") {
            raw = raw.dropFirst(16).dropLast(16)
        }
        let text = String(decoding: raw, as: UTF8.self)
        var info = GoBuildInfo(goVersion: version, dependencies: [], settings: [:])
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let kind = fields.first else { continue }
            let value = { (index: Int) -> String? in index < fields.count && !fields[index].isEmpty ? fields[index] : nil }
            switch kind {
            case "path": info.path = value(1)
            case "mod", "dep":
                guard let path = value(1) else { continue }
                let module = Module(path: path, version: value(2) ?? "", sum: value(3))
                if kind == "mod" { info.main = module } else { info.dependencies.append(module) }
            case "=>":
                guard let path = value(1) else { continue }
                let replacement = Replacement(path: path, version: value(2) ?? "", sum: value(3))
                if !info.dependencies.isEmpty {
                    info.dependencies[info.dependencies.count - 1].replacement = replacement
                } else {
                    info.main?.replacement = replacement
                }
            case "build":
                guard let setting = value(1), let equals = setting.firstIndex(of: "=") else { continue }
                info.settings[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
            default: continue
            }
        }
        return info
    }

    private static func varintString(_ reader: ByteReader, at offset: inout Int) -> [UInt8]? {
        var length = 0, shift = 0
        while true {
            guard let byte = reader.u8(offset), shift < 63 else { return nil }
            offset += 1
            length |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard let bytes = reader.slice(offset, length) else { return nil }
        offset += length
        return Array(bytes)
    }

    /// Reads a Go string header (data pointer, length) found through the pointer at `at`.
    private static func pointedString(_ reader: ByteReader, elf: ELFFile, at: Int, pointerSize: Int) -> [UInt8]? {
        guard let headerAddress = reader.word(at, size: pointerSize),
              let header = elf.fileOffset(ofAddress: UInt64(headerAddress)),
              let dataAddress = reader.word(header, size: pointerSize),
              let length = reader.word(header + pointerSize, size: pointerSize) else { return nil }
        if length == 0 { return [] }
        guard let data = elf.fileOffset(ofAddress: UInt64(dataAddress)), let bytes = reader.slice(data, length) else { return nil }
        return Array(bytes)
    }
}
