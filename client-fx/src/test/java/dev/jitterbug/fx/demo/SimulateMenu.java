package dev.jitterbug.fx.demo;

import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The demo's "Simulate" menu: one item per simulation (off while one runs), the slow link as a toggle, and the
 * running simulation named in the menu's own title, so it shows in the menu bar without opening anything.
 */
public final class SimulateMenu {
    private SimulateMenu() {
    }

    public static Menu create(SimulateViewModel model) {
        Menu menu = new Menu();
        menu.setId("simulate-menu");
        menu.setGraphic(new FontIcon("fth-zap"));
        menu.textProperty().bind(Bindings.createStringBinding(() -> model.activityProperty().get().isEmpty()
                ? "Simulate" : "Simulate — " + model.activityProperty().get(), model.activityProperty()));
        for (Simulation simulation : Simulation.values()) {
            MenuItem item = new MenuItem(simulation.label());
            item.setId("simulate-" + simulation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            item.disableProperty().bind(model.runningProperty());
            item.setOnAction(e -> model.run(simulation));
            menu.getItems().add(item);
        }
        CheckMenuItem slow = new CheckMenuItem("Slow link (+300 ms)");
        slow.setId("simulate-slow-link");
        slow.selectedProperty().bindBidirectional(model.slowLinkProperty());
        menu.getItems().addAll(new SeparatorMenuItem(), slow);
        return menu;
    }
}
