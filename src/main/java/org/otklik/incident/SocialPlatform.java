package org.otklik.incident;

public enum SocialPlatform {
    VK,
    OK,
    TELEGRAM
}
