/**
 * Using retrieved chunks: {@link dev.gantry.rag.answer.ContextBuilder} turns them into a numbered
 * sources block under a token budget, with an instruction to cite by number, for a model prompt;
 * {@link dev.gantry.rag.answer.ExtractiveAnswerer} answers without a model by quoting the best
 * supported sentences with citations, or says it does not know.
 */
package dev.gantry.rag.answer;
