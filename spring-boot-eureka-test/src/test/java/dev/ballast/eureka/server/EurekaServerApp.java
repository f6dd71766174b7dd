package dev.ballast.eureka.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/** A bare Eureka server for the test: its own package, so the client app does not scan it. */
@SpringBootApplication
@EnableEurekaServer
public class EurekaServerApp {}
