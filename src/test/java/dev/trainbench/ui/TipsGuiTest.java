package dev.trainbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aCellsTipIsMadeOnceAtTheFirstHoverAndThenOnlyItsTextChanges() throws Exception {
        FxThread.run(() -> {
            Label cell = new Label("row 1");
            Tips.set(cell, "the first row");
            assertNull(cell.getTooltip(), "nothing made while rows scroll by");
            assertEquals("the first row", cell.getAccessibleHelp());
            Tips.set(cell, "the second row");
            Tooltip t = Tips.tooltipOf(cell); // what the first hover does
            assertEquals("the second row", t.getText(), "the latest text");
            Tips.set(cell, "the third row");
            assertSame(t, cell.getTooltip(), "the same tooltip, its text changed");
            assertEquals("the third row", t.getText());
            Tips.set(cell, " ");
            assertNull(cell.getTooltip(), "a blank text: no tooltip");
            assertNull(Tips.tooltipOf(cell), "and none made at the next hover");
            assertNull(cell.getAccessibleHelp());
        });
    }

    @Test
    void clearingATipLeavesOneSetByAnotherOwner() throws Exception {
        FxThread.run(() -> {
            Object tables = new Object();
            Label cell = new Label("a long text cut off");
            Tips.set(cell, "a long text cut off", tables);
            Tips.set(cell, null); // the cell's own tip: none for this row
            assertTrue(Tips.has(cell), "the other owner's tip stays");
            assertSame(tables, Tips.owner(cell));
            Tips.set(cell, "the cell's own tip");
            assertNull(Tips.owner(cell), "the cell's own text replaces it");
            Tips.set(cell, null, tables);
            assertEquals("the cell's own tip", Tips.tooltipOf(cell).getText(), "the other owner cannot clear the cell's own");
            Tips.set(cell, null);
            assertFalse(Tips.has(cell));
        });
    }
}
