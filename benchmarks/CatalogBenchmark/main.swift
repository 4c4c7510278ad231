// Times reading and cataloging whole images: `catalog-benchmark [--runs N] REF...` (REF: oci-dir://PATH or
// archive://PATH). Prints one tab-separated line per image: ref, best seconds, packages, files kept, warnings.
import Catalogers
import Foundation
import ImageSource

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 3
if let flag = arguments.firstIndex(of: "--runs"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]) {
    runs = max(1, count)
    arguments.removeSubrange(flag...(flag + 1))
}
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: catalog-benchmark [--runs N] REF...\n".utf8))
    exit(64)
}

for text in arguments {
    do {
        let reference = try ImageReference(parsing: text)
        var best = Double.infinity
        var packages = 0
        var kept = 0
        var warnings = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let image = try ImageOpener.open(reference)
            let read = try image.readLayers(wants: Cataloging.wants)
            let result = Cataloging.catalog(layers: read.layers)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            packages = result.packages.count
            kept = read.layers.reduce(0) { $0 + $1.files.count }
            warnings = read.warnings.count + result.warnings.count
        }
        print([text, String(format: "%.4f", best), String(packages), String(kept), String(warnings)].joined(separator: "\t"))
    } catch {
        FileHandle.standardError.write(Data("catalog-benchmark: \(text): \(error)\n".utf8))
        exit(1)
    }
}
