import Foundation

// scout-bench: figures for benchmarks/run.sh. Usage:
//   scout-bench eval IMAGES PACKAGES ADVISORIES [WORK-FOLDER] [--other N] [--keep]
//   scout-bench history-create IMAGES FOLDER     (benchmarks/history.sh: see HistoryFleet)
//   scout-bench history-night NIGHT FOLDER
// --other N adds N advisories for packages no image has: a bigger database with the same matches.
// --keep leaves the store in the work folder (to measure its tables, or evaluate it again).
//   scout-bench queue-claims URL JOBS WORKERS        (benchmarks/queue.sh: claims per second, issue 14)
let arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: scout-bench eval IMAGES PACKAGES ADVISORIES [FOLDER] [--other N] | history-create IMAGES FOLDER | history-night NIGHT FOLDER\n".utf8))
    exit(64)
}
guard let command = arguments.first else { usage() }
switch command {
case "eval":
    var rest = Array(arguments.dropFirst())
    let keep = rest.contains("--keep")
    rest.removeAll { $0 == "--keep" }
    var other = 0
    if let flag = rest.firstIndex(of: "--other") {
        guard flag + 1 < rest.count, let count = Int(rest[flag + 1]) else { usage() }
        other = count
        rest.removeSubrange(flag...(flag + 1))
    }
    guard rest.count >= 3, let images = Int(rest[0]), let packages = Int(rest[1]), let advisories = Int(rest[2]) else { usage() }
    let folder = URL(fileURLWithPath: rest.count > 3 ? rest[3] : NSTemporaryDirectory() + "scout-bench-eval")
    do {
        let figures = try EvaluationBenchmark(images: images, packagesPerImage: packages, advisories: advisories, otherAdvisories: other,
                                              folder: folder).run()
        let stages = figures.stages.map { String(format: "%@=%.3f", $0.0, $0.1) }.joined(separator: " ")
        print(String(format: "eval images=%d packages=%d advisories=%d seconds=%.3f findings=%d", images, packages, advisories + other, figures.seconds, figures.findings) + " cpu: " + stages + " wall: " + figures.wallStages.map { String(format: "%@=%.3f", $0.0, $0.1) }.joined(separator: " "))
        if !keep { try? FileManager.default.removeItem(at: folder) }
    } catch {
        FileHandle.standardError.write(Data("scout-bench: \(error)\n".utf8))
        exit(1)
    }
case "queue-claims":
    let rest = Array(arguments.dropFirst())
    guard rest.count == 3, let jobs = Int(rest[1]), let workers = Int(rest[2]) else { usage() }
    do {
        let figures = try QueueClaimBenchmark(url: rest[0], jobs: jobs, workers: workers).run()
        print(String(format: "queue-claims jobs=%d workers=%d completed=%d seconds=%.3f claims_per_second=%.0f",
                     jobs, workers, figures.claims, figures.seconds, Double(figures.claims) / figures.seconds))
    } catch {
        FileHandle.standardError.write(Data("scout-bench: \(error)\n".utf8))
        exit(1)
    }
case "history-create", "history-night":
    guard arguments.count == 3, let number = Int(arguments[1]) else { usage() }
    let folder = URL(fileURLWithPath: arguments[2])
    do {
        if command == "history-create" {
            try HistoryFleet(images: number, folder: folder).create()
            print("created \(number) images in \(folder.path)")
        } else {
            print("night \(number): moved \(try HistoryFleet(images: 0, folder: folder).night(number)) tags")
        }
    } catch {
        FileHandle.standardError.write(Data("scout-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    usage()
}
