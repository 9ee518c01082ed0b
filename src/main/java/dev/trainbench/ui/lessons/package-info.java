/**
 * Guided lessons (Help &gt; Lessons): each plays a pair of runs from {@code examples/lessons/}, the
 * failing one and its fix, one after the other on the trainer's thread, and shows them side by side
 * with their diagnosis. A View ({@link dev.trainbench.ui.lessons.LessonsView}) and its ViewModel
 * ({@link dev.trainbench.ui.lessons.LessonsViewModel}).
 */
package dev.trainbench.ui.lessons;
