import ArgumentParser
import ScoutModel

/// `--allow-incomplete`: an image whose layers could not all be read fails the command (exit 1) unless
/// asked otherwise; either way its report says it is incomplete and stderr says why.
struct IncompleteOptions: ParsableArguments {
    @Flag(name: .long, help: "Accept an image whose layers could not all be read: say so on stderr and in the report, but do not exit 1.")
    var allowIncomplete = false

    /// Call after the report is written: says on stderr that the image is incomplete and, unless
    /// `--allow-incomplete` was given, exits 1.
    func check(_ report: ImageReport) throws {
        let fix = allowIncomplete
            ? "The report covers what could be read."
            : "Repair or pull the image again, or pass --allow-incomplete to accept a partial report."
        guard let summary = report.sbom.incompleteSummary(name: report.displayName, fix: fix) else { return }
        Console.error((allowIncomplete ? "warning: " : "error: ") + summary)
        if !allowIncomplete { throw ExitCode.failure }
    }
}
