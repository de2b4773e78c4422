import Testing
@testable import PipelineCLI
