
import ScoutModel

/// The Runs tab: every run with its counts, new and fixed findings, and the fleet trend.
final class RunsView: TemplateView {
    let page: PageContext
    let runs: [RunRowView]
    let trend: Markup?

    init(context: RenderContext, format: PageFormat) {
        let fleet = context.fleet
        page = PageContext(context: context, pageTitle: "Runs", depth: 0, tab: .runs, format: format)
        var counts: [Int64: SeverityCounts] = [:]
        for image in fleet.images {
            for point in image.report.trend {
                var current = counts[point.runID] ?? SeverityCounts()
                for severity in Severity.allCases { current[severity] += point.counts[severity] }
                counts[point.runID] = current
            }
        }
        runs = fleet.snapshot.runs.sorted { $0.id > $1.id }.map { RunRowView($0, vulnerabilities: counts[$0.id], boxes: context.boxes) }
        trend = format.isHTML ? FleetTrend.chart(fleet, title: "Vulnerabilities in the fleet after each run") : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "runs": runs
        case "hasRuns": !runs.isEmpty
        case "runCount": Text(runs.count)
        case "trend": trend
        default: page.child(named: name)
        }
    }
}

/// One run.
final class RunRowView: TemplateView {
    let fields: [String: Text]
    let boxes: Markup

    /// `vulnerabilities`: the sum of the images' counts (Scout's way); the run's own finding counts otherwise.
    init(_ run: RunSummary, vulnerabilities: SeverityCounts?, boxes: SeverityBoxesCache) {
        self.boxes = boxes(vulnerabilities ?? run.counts)
        fields = [
            "id": Text(String(run.id)),
            "startedAt": Text(Format.time(run.startedAt)),
            "startedAtRaw": Text(run.startedAt),
            "images": Text(run.imagesEvaluated),
            "findings": Text(run.counts.total),
            "newFindings": Text(run.newFindings),
            "fixedFindings": Text(run.fixedFindings),
            "severityKey": SeverityBoxView.sortKey(vulnerabilities ?? run.counts),
        ]
    }

    func child(named name: String) -> Any? {
        name == "boxes" ? boxes : fields[name]
    }
}
