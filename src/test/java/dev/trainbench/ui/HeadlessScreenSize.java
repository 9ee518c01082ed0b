package dev.trainbench.ui;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Screen;

/**
 * Changes the size of Monocle's headless screen while the toolkit runs, so that one test JVM can
 * check a window at several screen sizes (Monocle reads {@code headless.geometry} once, at start).
 * The screen's fields are set and the toolkit told that the screen settings changed, as a real
 * display change would; {@link Screen#getPrimary()} then reports the new bounds.
 */
public final class HeadlessScreenSize {
    private HeadlessScreenSize() {
    }

    /** Sets the primary screen to {@code width} x {@code height} pixels; call on the FX thread. */
    public static void set(int width, int height) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call on the FX thread");
        }
        try {
            Class<?> factory = Class.forName("com.sun.glass.ui.monocle.NativePlatformFactory");
            Method get = factory.getDeclaredMethod("getNativePlatform");
            get.setAccessible(true);
            Object platform = get.invoke(null);
            Method screens = Class.forName("com.sun.glass.ui.monocle.NativePlatform").getDeclaredMethod("getScreens");
            screens.setAccessible(true);
            Object screen = ((List<?>) screens.invoke(platform)).get(0);
            Class<?> headless = Class.forName("com.sun.glass.ui.monocle.HeadlessScreen");
            if (!headless.isInstance(screen)) {
                throw new IllegalStateException("not Monocle's headless screen: " + screen.getClass());
            }
            int depth = field(headless, "depth").getInt(screen);
            field(headless, "width").setInt(screen, width);
            field(headless, "height").setInt(screen, height);
            // a frame buffer of the new size, so that windows composed onto the screen stay inside it
            Class<?> fbClass = Class.forName("com.sun.glass.ui.monocle.Framebuffer");
            Constructor<?> fb = fbClass.getDeclaredConstructor(ByteBuffer.class, int.class, int.class, int.class, boolean.class);
            fb.setAccessible(true);
            // the frame buffer stays at least 2560x1600: a window of another test still showing at its
            // own size must not compose past it (Monocle does not clip, it overflows the buffer)
            int bytes = depth / 8;
            int fbWidth = Math.max(width, 2560);
            int fbHeight = Math.max(height, 1600);
            field(headless, "fb").set(screen, fb.newInstance(ByteBuffer.allocate(fbWidth * fbHeight * bytes), fbWidth, fbHeight, depth, true));
            Method changed = Class.forName("com.sun.glass.ui.Screen").getDeclaredMethod("notifySettingsChanged");
            changed.setAccessible(true);
            changed.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot resize Monocle's headless screen", e);
        }
        var b = Screen.getPrimary().getBounds();
        if (b.getWidth() != width || b.getHeight() != height) {
            throw new IllegalStateException("the screen stayed " + b.getWidth() + "x" + b.getHeight());
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
