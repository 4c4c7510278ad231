import Foundation

/// The target this process fuzzes, named by the environment variable SCOUT_FUZZ_TARGET.
nonisolated(unsafe) private var selected: FuzzTarget?

/// libFuzzer calls this once before fuzzing: pick the target or stop with the list of names.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["SCOUT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.all[name] else {
        FileHandle.standardError.write(Data("set SCOUT_FUZZ_TARGET to one of: \(FuzzTarget.all.keys.sorted().joined(separator: " "))\n".utf8))
        exit(64)
    }
    selected = target
    return 0
}

/// libFuzzer calls this for every input. A crash, a trap or a failed `FuzzCheck.require` is a finding.
/// (Exported under libFuzzer's name too, which its archived `main` refers to.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selected?.run(bytes)
    return 0
}

/// One fuzz target: a name and a function over the raw input.
struct FuzzTarget: Sendable {
    let run: @Sendable ([UInt8]) -> Void

    static let all: [String: FuzzTarget] = [
        "tar": FuzzTarget(run: ArchiveTargets.tar),
        "gzip": FuzzTarget(run: ArchiveTargets.gzip),
        "dpkg": FuzzTarget(run: CatalogerTargets.dpkg),
        "apk": FuzzTarget(run: CatalogerTargets.apk),
        "rpm": FuzzTarget(run: CatalogerTargets.rpm),
        "osv": FuzzTarget(run: AdvisoryTargets.osv),
        "secdb": FuzzTarget(run: AdvisoryTargets.secdb),
        "nvd": FuzzTarget(run: AdvisoryTargets.nvd),
        "json": FuzzTarget(run: JSONTargets.json),
        "record": FuzzTarget(run: JSONTargets.record),
        "versions": FuzzTarget(run: VersionTargets.order),
        "cvss": FuzzTarget(run: AdvisoryTargets.cvss),
        "config": FuzzTarget(run: ConfigTargets.config),
        "zip": FuzzTarget(run: BinaryTargets.zip),
        "elf": FuzzTarget(run: BinaryTargets.elf),
        "cargo": FuzzTarget(run: BinaryTargets.cargo),
        "rpm-header": FuzzTarget(run: BinaryTargets.rpmHeader),
    ]
}

/// A property violated: print what and abort, so libFuzzer saves the input.
enum FuzzCheck {
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        FileHandle.standardError.write(Data("fuzz property violated: \(message())\n".utf8))
        abort()
    }
}
