/**
 * Text utilities shared by chunking, snippets and answering: sentence splitting with character
 * offsets, and the English term analysis (lower-casing, stop words, Porter stems) that the BM25
 * index also uses, so that lexical overlap is measured the same way everywhere.
 */
package dev.gantry.rag.text;
