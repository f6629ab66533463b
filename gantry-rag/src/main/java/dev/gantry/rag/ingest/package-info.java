/**
 * From files to chunks: parsers for Markdown (commonmark), plain text, HTML (jsoup) and PDF
 * (PDFBox) that turn a file into a {@link dev.gantry.rag.ingest.ParsedDocument} of headed blocks,
 * and the structure-aware {@link dev.gantry.rag.ingest.Chunker} that packs those blocks into chunks
 * under a token limit, splitting by heading, then paragraph, then sentence.
 */
package dev.gantry.rag.ingest;
