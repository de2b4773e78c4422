import Foundation
import PipelineKit
import Testing

@Suite struct ModuleResourcesTests {
    @Test func dataMissingBesideTheBinaryAndInTheSourcesIsASetupErrorNamingTheFolderToCopyAndWhere() {
        let resources = ModuleResources(module: "Nowhere", sourceFile: "/nonexistent/Sources/Nowhere/Nowhere.swift")
        #expect(resources.bundleName == "DocumentPipeline_Nowhere.resources")
        do {
            _ = try resources.folder("Lexicons")
            Issue.record("found data that does not exist")
        } catch {
            #expect(error.message.contains("DocumentPipeline_Nowhere.resources"))
            #expect(error.message.contains(ModuleResources.binaryFolder.path))
            #expect(error.message.contains("copy the *.resources folders"))
        }
    }

    @Test func aBinaryInItsBuildTreeReadsTheDataFromTheModulesSourceFolder() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write("Lexicons/names.txt", "Ann\n")
        let resources = ModuleResources(module: "Nowhere", sourceFile: folder.url.appendingPathComponent("Module.swift").path)
        #expect(try resources.folder("Lexicons").appendingPathComponent("names.txt").path == source)
        #expect(try resources.folder("names.txt", source: "Lexicons/names.txt").path == source)
    }
}
