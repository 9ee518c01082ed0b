package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A tooltip installed with {@link Tips#install} is made when the mouse first enters its node, and then shows. */
@ExtendWith(ApplicationExtension.class)
class TipsGuiTest {
    private Label control;
    private Pane plain;

    @Start
    void start(Stage stage) {
        control = new Label("hover me");
        control.setId("tip-control");
        plain = new Pane();
        plain.setId("tip-pane");
        plain.setPrefSize(80, 40);
        Tips.install(control, "what the control does");
        Tips.install(plain, "what the area is", 200);
        stage.setScene(new Scene(new VBox(20, control, plain), 300, 200));
        stage.show();
    }

    @Test
    void theTooltipIsMadeAtTheFirstHoverAndShows(FxRobot robot) {
        assertNull(control.getTooltip(), "no tooltip before the mouse comes");
        assertEquals("what the control does", control.getAccessibleHelp(), "screen readers have the text at once");
        robot.moveTo("#tip-control");
        robot.moveBy(2, 1);
        WaitForAsyncUtils.waitForFxEvents();
        Tooltip t = control.getTooltip();
        assertNotNull(t, "made when the mouse entered");
        assertEquals("what the control does", t.getText());
        assertTrue(t.isWrapText());
        robot.sleep(Math.round(t.getShowDelay().toMillis()) + 700);
        assertTrue(t.isShowing(), "and shown after the usual delay as the mouse rests");
        assertSame(t, Tips.tooltipOf(control), "one tooltip, not one per hover");
    }

    @Test
    void tooltipOfMakesItForANodeThatIsNotAControl() {
        Tooltip t = Tips.tooltipOf(plain);
        assertNotNull(t);
        assertEquals("what the area is", t.getText());
        assertEquals(200, t.getMaxWidth());
        assertSame(t, plain.getProperties().get("javafx.scene.control.Tooltip"), "installed like Tooltip.install");
    }
}
