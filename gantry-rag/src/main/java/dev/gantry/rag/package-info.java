/**
 * Knowledge bases: {@link dev.gantry.rag.KnowledgeBases} manages named bases under a data
 * directory; a {@link dev.gantry.rag.KnowledgeBase} ingests Markdown, text, HTML and PDF files
 * (re-processing only what changed), keeps chunks in one Lucene index with a BM25 text field and an
 * embedding vector field, and retrieves by BM25, by vector, or by both fused with reciprocal rank
 * fusion. Building prompts from retrieved chunks and answering extractively live in {@code
 * dev.gantry.rag.answer}.
 */
package dev.gantry.rag;
