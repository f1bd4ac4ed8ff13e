package io.quarkiverse.sqschanges.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The README's demo: messages sent through the HTTP endpoint come back as changes, one per queue shape.
 */
@QuarkusTest
class DemoTest {

    @Test
    void rawJsonAndMappedMessagesBecomeChanges() {
        String command = given().body("action build").post("/demo/commands").then().statusCode(200)
                .extract().asString();
        String model = given().contentType(ContentType.JSON).body("{\"model\":\"resnet\",\"version\":3}")
                .post("/demo/models").then().statusCode(200).extract().asString();

        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/demo/changes").then().extract()
                .jsonPath().getList("revision").containsAll(java.util.List.of(command, model)));

        given().get("/demo/changes").then()
                .body("find { it.revision == '" + command + "' }.queue", equalTo("commands"))
                .body("find { it.revision == '" + command + "' }.properties.action", equalTo("build"))
                .body("find { it.revision == '" + model + "' }.properties.model", equalTo("resnet"))
                .body("find { it.revision == '" + model + "' }.properties.version", equalTo(3));
    }
}
