/**
 * Plugin authors' commands: {@code new-plugin} makes a plugin project from the templates under
 * {@code template/} (resources beside these classes), {@code install-api} puts the plugin API the distribution ships
 * in {@code maven/} into the local Maven repository, and {@code mvn} runs Maven with the launcher's JDK.
 */
package dev.webwxbot.launcher.scaffold;
