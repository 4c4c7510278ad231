import Foundation
import PackagePlugin

/// Embeds every file under `Resources/templates` into the target as Swift string literals, so that a
/// copied `scout-report` binary works alone. `--templates DIR` overrides them at run time.
@main
struct EmbedTemplatesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Resources/templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) template files",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
