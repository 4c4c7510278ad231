import ScoutModel

/// A line chart of C/H/M/L/? counts over runs, drawn as inline SVG (no script, no external resource;
/// colours come from the stylesheet through classes, since the CSP forbids inline styles).
enum TrendChart {
    static let width = 720.0
    static let height = 200.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 28.0

    /// The chart for `points` (run time, counts), oldest first. Every label is built from numbers and
    /// escaped dates, so the result is trusted markup.
    static func svg(points: [(String, SeverityCounts)], title: String) -> String {
        let maximum = max(1, points.flatMap { point in Severity.allCases.map { point.1[$0] } }.max() ?? 1)
        let scale = niceCeiling(maximum)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double {
            points.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1)
        }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / Double(scale)) }
        let label = Escape.html(title)
        var svg = "<svg class=\"trend\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\" preserveAspectRatio=\"xMidYMid meet\"><title>\(label)</title>"
        // Grid: four horizontal lines with their values.
        for step in 0...4 {
            let value = scale * step / 4
            let lineY = fmt(y(value))
            svg += "<line class=\"grid\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(lineY)\" y2=\"\(lineY)\"/>"
            svg += "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\">\(value)</text>"
        }
        if let first = points.first {
            svg += "<text class=\"axis\" x=\"\(fmt(x(0)))\" y=\"\(fmt(height - 8))\" text-anchor=\"\(points.count == 1 ? "middle" : "start")\">\(Escape.html(Format.time(first.0)))</text>"
        }
        if points.count > 1, let last = points.last {
            svg += "<text class=\"axis\" x=\"\(fmt(width - right))\" y=\"\(fmt(height - 8))\" text-anchor=\"end\">\(Escape.html(Format.time(last.0)))</text>"
        }
        for severity in Severity.allCases.reversed() {
            let coordinates = points.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element.1[severity])))" }
            if points.count > 1 {
                svg += "<polyline class=\"line tc-\(severity.rawValue)\" fill=\"none\" points=\"\(coordinates.joined(separator: " "))\"/>"
            }
            for (offset, point) in points.enumerated() {
                svg += "<circle class=\"dot tc-\(severity.rawValue)\" cx=\"\(fmt(x(offset)))\" cy=\"\(fmt(y(point.1[severity])))\" r=\"3\"><title>\(Escape.html(Format.time(point.0))): \(point.1[severity]) \(severity.rawValue)</title></circle>"
            }
        }
        svg += "</svg>"
        return svg
    }

    /// 1, 2, 5 × 10ⁿ at or above `value`, divisible by 4 when ≥ 4.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 4, 5, 8, 10] where factor * magnitude >= value {
            let candidate = factor * magnitude
            return candidate < 4 ? 4 : candidate
        }
        return 10 * magnitude
    }

    private static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// The fleet's counts after each run: the sum of every image's trend point of that run, or the
/// run's own recorded counts when no image trend is known.
enum FleetTrend {
    static func points(_ fleet: FleetIndex) -> [(String, SeverityCounts)] {
        var byRun: [Int64: (String, SeverityCounts)] = [:]
        for image in fleet.images {
            for point in image.report.trend {
                var current = byRun[point.runID] ?? (point.runAt, SeverityCounts())
                for severity in Severity.allCases { current.1[severity] += point.counts[severity] }
                byRun[point.runID] = current
            }
        }
        if byRun.isEmpty {
            return fleet.snapshot.runs.sorted { $0.id < $1.id }.map { ($0.startedAt, $0.counts) }
        }
        return byRun.keys.sorted().map { byRun[$0]! }
    }

    static func chart(_ fleet: FleetIndex, title: String) -> Markup? {
        let points = points(fleet)
        return points.isEmpty ? nil : Markup(trusted: TrendChart.svg(points: points, title: title))
    }
}
