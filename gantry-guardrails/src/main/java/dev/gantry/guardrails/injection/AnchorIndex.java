package dev.gantry.guardrails.injection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds which of a fixed set of substrings occur in a text, in one pass (Aho–Corasick). The rules'
 * anchors are a few hundred substrings; testing them one {@code contains} at a time costs more than
 * the regular expressions they guard. Immutable and thread-safe once built.
 */
final class AnchorIndex {
  /** Per state: the characters with an edge, sorted, and the states they lead to. */
  private final char[][] keys;

  private final int[][] targets;
  private final int[] fail;

  /** Per state: ids of the substrings that end there (including through fail links). */
  private final int[][] outputs;

  private final int size;

  AnchorIndex(List<String> substrings) {
    List<StringBuilder> keyLists = new ArrayList<>();
    List<List<Integer>> targetLists = new ArrayList<>();
    List<List<Integer>> outputLists = new ArrayList<>();
    keyLists.add(new StringBuilder());
    targetLists.add(new ArrayList<>());
    outputLists.add(new ArrayList<>());
    for (int id = 0; id < substrings.size(); id++) {
      String s = substrings.get(id);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty anchor");
      }
      int state = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int k = keyLists.get(state).indexOf(String.valueOf(c));
        if (k < 0) {
          keyLists.get(state).append(c);
          targetLists.get(state).add(keyLists.size());
          keyLists.add(new StringBuilder());
          targetLists.add(new ArrayList<>());
          outputLists.add(new ArrayList<>());
          state = keyLists.size() - 1;
        } else {
          state = targetLists.get(state).get(k);
        }
      }
      outputLists.get(state).add(id);
    }
    int n = keyLists.size();
    keys = new char[n][];
    targets = new int[n][];
    for (int st = 0; st < n; st++) {
      char[] k = keyLists.get(st).toString().toCharArray();
      int[] t = targetLists.get(st).stream().mapToInt(Integer::intValue).toArray();
      Integer[] order = new Integer[k.length];
      for (int i = 0; i < k.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Character.compare(k[a], k[b]));
      keys[st] = new char[k.length];
      targets[st] = new int[k.length];
      for (int i = 0; i < k.length; i++) {
        keys[st][i] = k[order[i]];
        targets[st][i] = t[order[i]];
      }
    }
    fail = new int[n];
    Deque<Integer> queue = new ArrayDeque<>();
    for (int t : targets[0]) {
      queue.add(t);
    }
    while (!queue.isEmpty()) {
      int st = queue.poll();
      for (int i = 0; i < keys[st].length; i++) {
        char c = keys[st][i];
        int child = targets[st][i];
        int f = fail[st];
        while (f != 0 && next(f, c) < 0) {
          f = fail[f];
        }
        int viaFail = next(f, c);
        fail[child] = viaFail >= 0 && viaFail != child ? viaFail : 0;
        outputLists.get(child).addAll(outputLists.get(fail[child]));
        queue.add(child);
      }
    }
    outputs = new int[n][];
    for (int st = 0; st < n; st++) {
      outputs[st] = outputLists.get(st).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
    size = substrings.size();
  }

  private int next(int state, char c) {
    int i = Arrays.binarySearch(keys[state], c);
    return i >= 0 ? targets[state][i] : -1;
  }

  /** Which substrings occur in {@code text}, by id (their index in the list given). */
  boolean[] present(String text) {
    boolean[] found = new boolean[size];
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int t;
      while ((t = next(state, c)) < 0 && state != 0) {
        state = fail[state];
      }
      state = Math.max(t, 0);
      for (int id : outputs[state]) {
        found[id] = true;
      }
    }
    return found;
  }
}
