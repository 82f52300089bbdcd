package dev.baton.tests;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A JDBC connection from the stack's libpq DATABASE_URL. */
final class Database {
  private Database() {}

  static Connection connect(Stack stack) throws SQLException {
    URI uri = URI.create(stack.get("DATABASE_URL"));
    String[] user = uri.getUserInfo().split(":", 2);
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    return DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "");
  }
}
