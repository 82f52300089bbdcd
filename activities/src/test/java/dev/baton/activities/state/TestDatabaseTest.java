package dev.baton.activities.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

  @Test
  void convertsLibpqUrl() {
    TestDatabase db = TestDatabase.fromLibpq("postgresql://baton:s%40cret@127.0.0.1:5499/baton");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5499/baton");
    assertThat(db.user()).isEqualTo("baton");
    assertThat(db.password()).isEqualTo("s@cret");
  }

  @Test
  void keepsQueryAndDefaultsPort() {
    TestDatabase db = TestDatabase.fromLibpq("postgres://u@db.example/app?sslmode=require");
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/app?sslmode=require");
    assertThat(db.user()).isEqualTo("u");
    assertThat(db.password()).isNull();
    assertThat(db.withParameter("currentSchema", "s"))
        .isEqualTo("jdbc:postgresql://db.example:5432/app?sslmode=require&currentSchema=s");
  }

  @Test
  void rejectsOtherSchemes() {
    assertThatThrownBy(() -> TestDatabase.fromLibpq("mysql://u:p@h/db"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
