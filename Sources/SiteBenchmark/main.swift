import Foundation
import Templates

// Renders a synthetic fleet (see SyntheticFleet) into a fresh folder and prints the time taken,
// the number of files and pages per second. Peak memory comes from `/usr/bin/time -v` (render.sh).
//   SiteBenchmark [--images N] [--packages N] [--findings N] [--output DIR] [--keep] [--snapshot-only] [--no-downloads]
var fleet = SyntheticFleet()
var output: String?
var keep = false
var snapshotOnly = false
var downloads = true
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--images": fleet.images = Int(arguments.next() ?? "") ?? fleet.images
    case "--packages": fleet.packagesPerImage = Int(arguments.next() ?? "") ?? fleet.packagesPerImage
    case "--findings": fleet.findingsPerImage = Int(arguments.next() ?? "") ?? fleet.findingsPerImage
    case "--output": output = arguments.next()
    case "--keep": keep = true
    case "--snapshot-only": snapshotOnly = true
    case "--no-downloads": downloads = false
    default:
        FileHandle.standardError.write(Data("usage: SiteBenchmark [--images N] [--packages N] [--findings N] [--output DIR] [--keep] [--snapshot-only] [--no-downloads]\n".utf8))
        exit(64)
    }
}

let clock = ContinuousClock()
let generationStart = clock.now
let snapshot = fleet.make()
let generation = clock.now - generationStart
if snapshotOnly {
    print("fleet: \(snapshot.images.count) images generated in \(generation)")
    exit(0)
}
let folder = URL(fileURLWithPath: output ?? NSTemporaryDirectory() + "site-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let renderer = try SiteRenderer(downloads: downloads)
let renderStart = clock.now
let files = try renderer.render(snapshot, into: folder)
let elapsed = clock.now - renderStart
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let generated = Double(generation.components.seconds) + Double(generation.components.attoseconds) / 1e18

var bytes: Int64 = 0
var pages = 0
if let walker = FileManager.default.enumerator(atPath: folder.path) {
    while let path = walker.nextObject() as? String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: folder.path + "/" + path))?[.size] as? NSNumber {
            bytes += size.int64Value
        }
        if path.hasSuffix(".html") { pages += 1 }
    }
}
print("fleet: \(fleet.images) images\(downloads ? "" : " (no SARIF/CycloneDX/SPDX downloads)"), \(fleet.packagesPerImage) packages and \(fleet.findingsPerImage) findings each (generated in \(String(format: "%.2f", generated)) s)")
print("site: \(files) files (\(pages) HTML pages), \(bytes / 1_000_000) MB")
print(String(format: "render: %.2f s, %.0f files/s, %.0f HTML pages/s, %d cores", seconds, Double(files) / seconds, Double(pages) / seconds,
             ProcessInfo.processInfo.activeProcessorCount))
if !keep { try? FileManager.default.removeItem(at: folder) } else { print("kept: \(folder.path)") }
