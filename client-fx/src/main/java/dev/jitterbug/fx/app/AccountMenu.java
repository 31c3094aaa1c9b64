package dev.jitterbug.fx.app;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.javafx.FontIcon;

/** The "Account" menu: about the app (a side panel) and sign out (back to the login form). */
final class AccountMenu {
    private AccountMenu() {
    }

    static Menu create(ShellModel shell, Runnable toggleAbout) {
        MenuItem about = new MenuItem("About " + AppInfo.NAME, new FontIcon("fth-info"));
        about.setId("about");
        about.setOnAction(e -> toggleAbout.run());
        MenuItem signOut = new MenuItem("Sign out", new FontIcon("fth-log-out"));
        signOut.setId("sign-out");
        signOut.disableProperty().bind(shell.screenProperty().isNotEqualTo(ShellModel.Screen.CHAT));
        signOut.setOnAction(e -> shell.signOut());
        Menu menu = new Menu("_Account", null, about, new SeparatorMenuItem(), signOut);
        menu.setId("account-menu");
        return menu;
    }
}
