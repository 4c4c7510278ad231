import Foundation
import Pipeline
import ScoutModel
import Store

extension ImageOptions {
    /// The image report with its base image summary and policy results, and the context that can
    /// name the base, refreshed and updated images (every stored image evaluated now).
    func reportWithBase() throws -> (report: ImageReport, context: BaseImageContext) {
        let report = try report()
        let store = try ScoutStore(path: store.db)
        let context = try BaseImageContext(store: store, evaluator: Evaluator(store: store))
        var annotated = context.annotate(report, now: Clock().now())
        annotated.source = report.source
        return (annotated, context)
    }
}
