import Foundation

// scout-bench: figures for benchmarks/run.sh. Usage:
//   scout-bench eval IMAGES PACKAGES ADVISORIES [WORK-FOLDER]
let arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: scout-bench eval IMAGES PACKAGES ADVISORIES [FOLDER]\n".utf8))
    exit(64)
}
guard let command = arguments.first else { usage() }
switch command {
case "eval":
    guard arguments.count >= 4, let images = Int(arguments[1]), let packages = Int(arguments[2]), let advisories = Int(arguments[3]) else { usage() }
    let folder = URL(fileURLWithPath: arguments.count > 4 ? arguments[4] : NSTemporaryDirectory() + "scout-bench-eval")
    do {
        let figures = try EvaluationBenchmark(images: images, packagesPerImage: packages, advisories: advisories, folder: folder).run()
        let stages = figures.stages.map { String(format: "%@=%.3f", $0.0, $0.1) }.joined(separator: " ")
        print(String(format: "eval images=%d packages=%d advisories=%d seconds=%.3f findings=%d", images, packages, advisories, figures.seconds, figures.findings) + " cpu: " + stages + " wall: " + figures.wallStages.map { String(format: "%@=%.3f", $0.0, $0.1) }.joined(separator: " "))
        try? FileManager.default.removeItem(at: folder)
    } catch {
        FileHandle.standardError.write(Data("scout-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    usage()
}
