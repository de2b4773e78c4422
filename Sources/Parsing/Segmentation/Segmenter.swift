import PipelineKit

/// Writes the paragraph, sentence and token layers of a document from its `text`.
///
/// `parse` calls it for every format once `text` is final; later processors read these layers and never
/// re-tokenize. All spans are UTF-8 byte offsets into `text`, in offset order.
///
/// ```swift
/// Segmenter.segment(&document)
/// print(document.sentences.count, document.tokens.count)
/// ```
public enum Segmenter {
    /// - Parameter paragraphBreaks: offsets where a paragraph must start even without a blank line
    ///   (header lines of a news text).
    public static func segment(_ document: inout Document, paragraphBreaks: [Int] = []) {
        var text = document.text
        let (paragraphs, sentences, tokens) = text.withUTF8 { bytes in
            let paragraphs = ParagraphSplitter.split(bytes: bytes, breaks: paragraphBreaks)
            let tokens = Tokenizer.tokenize(bytes: bytes)
            let sentences = SentenceSplitter.split(tokens: tokens, paragraphs: paragraphs, bytes: bytes)
            return (paragraphs, sentences, tokens)
        }
        document.paragraphs = paragraphs
        document.sentences = sentences
        document.tokens = tokens
    }
}
